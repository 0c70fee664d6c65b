package dev.taskorchestrator.agents.testing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request a fake server received.
 *
 * @param headers header names in lower case
 * @param body the raw body text
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers,
    String body) {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** The first value of a header (any case), or {@code null}. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  /** The body parsed as JSON. */
  public JsonNode json() {
    return MAPPER.readTree(body);
  }
}
