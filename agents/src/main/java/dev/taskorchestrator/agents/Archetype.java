package dev.taskorchestrator.agents;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A kind of specialist agent: its instructions, sampling settings, where it may run and what it may use.
 *
 * @param name lower-case identifier ({@code researcher})
 * @param description one line, shown to the calling assistant
 * @param systemPrompt the agent's instructions
 * @param temperature sampling temperature, or null for the provider's default
 * @param maxTokens the most output tokens one model call may produce
 * @param model a preferred model name, or null for the provider's first configured model
 * @param providers the provider chain by name, in order; empty means the default chain
 * @param outputSchema a JSON Schema the final answer must satisfy (as JSON), or null for free text
 * @param permissions downstream tools it may call
 * @param maxSteps the most model calls in one run
 */
public record Archetype(
    String name,
    String description,
    String systemPrompt,
    Double temperature,
    int maxTokens,
    String model,
    List<String> providers,
    Map<String, Object> outputSchema,
    ToolPermissions permissions,
    int maxSteps) {

  public Archetype {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(description, "description is null");
    Objects.requireNonNull(systemPrompt, "systemPrompt is null");
    Objects.requireNonNull(permissions, "permissions is null");
    providers = providers == null ? List.of() : List.copyOf(providers);
    outputSchema = outputSchema == null ? null : Map.copyOf(outputSchema);
    if (!name.matches("[a-z][a-z0-9_-]{0,63}")) {
      throw new IllegalArgumentException("archetype name must be lower-case letters, digits, - or _: " + name);
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
    }
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps must be positive: " + maxSteps);
    }
    if (temperature != null && (temperature < 0 || temperature > 2)) {
      throw new IllegalArgumentException("temperature must be between 0 and 2: " + temperature);
    }
  }

  /** Whether the final answer is JSON checked against {@link #outputSchema()}. */
  public boolean structured() {
    return outputSchema != null;
  }
}
