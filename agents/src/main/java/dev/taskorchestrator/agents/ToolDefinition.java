package dev.taskorchestrator.agents;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A tool the model may call.
 *
 * @param name the caller-side name, typically {@code server.tool}; providers translate names that
 *     their wire format does not allow (see {@code ToolNameMapping})
 * @param description what the tool does, read by the model
 * @param inputSchema the JSON schema of the arguments (an object schema)
 */
public record ToolDefinition(String name, String description, Map<String, Object> inputSchema) {
  public ToolDefinition {
    requireNonNull(name, "name is null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("tool name is blank");
    }
    description = description == null ? "" : description;
    inputSchema = Map.copyOf(requireNonNull(inputSchema, "inputSchema is null"));
  }
}
