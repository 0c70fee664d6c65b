package dev.taskorchestrator.agents.internal;

import dev.taskorchestrator.agents.ModelRequest;
import dev.taskorchestrator.agents.ModelResponse;
import dev.taskorchestrator.agents.ProviderConfig;
import dev.taskorchestrator.agents.ProviderException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic Messages ({@code POST {base-url}/v1/messages}, non-streaming), with the
 * {@code anthropic-version} header pinned by configuration. Also speaks to Ollama's
 * Anthropic-compatible endpoint (base URL {@code http://localhost:11434}).
 */
public final class AnthropicMessagesProvider extends HttpModelProvider {

  public AnthropicMessagesProvider(ProviderConfig config, Function<String, String> env,
      HttpClient client, Clock clock) {
    super(config, env, client, clock);
  }

  @Override
  public ModelResponse call(ModelRequest request) throws ProviderException {
    String model = modelFor(request);
    ToolNameMapping names = ToolNameMapping.forRequest(request);
    String body = ProviderJson.write(AnthropicWire.requestBody(request, model, names));
    ProviderHttp.Reply reply = http.post(endpoint("/v1/messages"), headers(), body);
    JsonNode root = successBody(reply);
    return AnthropicWire.response(root, name(), model, reply, names, errors);
  }

  private Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>(config.headers());
    key.value().ifPresent(k -> headers.put("x-api-key", k));
    headers.put("anthropic-version", config.anthropicVersion());
    return headers;
  }
}
