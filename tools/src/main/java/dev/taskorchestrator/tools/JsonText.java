package dev.taskorchestrator.tools;

import tools.jackson.databind.json.JsonMapper;

/** JSON text of tool arguments and results, for traces. */
final class JsonText {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private JsonText() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (RuntimeException e) {
      return String.valueOf(value);
    }
  }
}
