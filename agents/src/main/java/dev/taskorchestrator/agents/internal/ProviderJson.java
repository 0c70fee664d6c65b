package dev.taskorchestrator.agents.internal;

import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/** The shared mapper and null-safe readers for provider JSON. */
final class ProviderJson {
  static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private ProviderJson() {}

  /** Parses a body, or {@code null} when it is not JSON. */
  static JsonNode parseOrNull(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return MAPPER.readTree(body);
    } catch (JacksonException e) {
      return null;
    }
  }

  /** The {@code error} object of an error body, or a missing node. */
  static JsonNode errorObject(String body) {
    JsonNode root = parseOrNull(body);
    if (root == null) {
      return MissingNode.getInstance();
    }
    JsonNode error = root.path("error");
    return error.isObject() ? error : MissingNode.getInstance();
  }

  /** The string value, or empty for anything else (missing, null, numbers). */
  static String text(JsonNode node) {
    return node != null && node.isString() ? node.stringValue() : "";
  }

  /** The integral value, or 0 for anything else. */
  static long number(JsonNode node) {
    return node != null && node.isNumber() ? Math.max(0, node.asLong()) : 0;
  }

  /** A JSON object node as a plain map. */
  static Map<String, Object> toMap(JsonNode node) {
    return MAPPER.convertValue(node, MAP);
  }

  /** Parses a JSON object text (tool-call arguments), or {@code null} when it is not one. */
  static Map<String, Object> objectOrNull(String text) {
    JsonNode node = parseOrNull(text);
    return node != null && node.isObject() ? toMap(node) : null;
  }

  static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }
}
