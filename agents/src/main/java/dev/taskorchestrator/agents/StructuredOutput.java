package dev.taskorchestrator.agents;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** Parses a model's final answer as JSON and checks it against the archetype's schema. */
final class StructuredOutput {

  /** The parsed value, or the problem in words the model can fix. */
  record Checked(Object value, String problem) {
    boolean ok() {
      return problem == null;
    }
  }

  private StructuredOutput() {}

  static Checked check(String text, Map<String, Object> schema) {
    String json = stripFence(text.strip());
    Object value;
    try {
      value = McpJsonDefaults.getMapper().readValue(json, Object.class);
    } catch (IOException | RuntimeException e) {
      return new Checked(null, "the answer is not valid JSON");
    }
    JsonSchemaValidator.ValidationResponse r = McpJsonDefaults.getSchemaValidator().validate(schema, value);
    return r.valid() ? new Checked(value, null)
        : new Checked(null, Optional.ofNullable(r.errorMessage()).orElse("it does not match the schema"));
  }

  /** Models often wrap JSON in a Markdown fence; accept that. */
  static String stripFence(String text) {
    if (text.startsWith("```")) {
      int firstLine = text.indexOf('\n');
      int end = text.lastIndexOf("```");
      if (firstLine > 0 && end > firstLine) {
        return text.substring(firstLine + 1, end).strip();
      }
    }
    return text;
  }
}
