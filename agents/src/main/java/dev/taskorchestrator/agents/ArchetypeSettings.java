package dev.taskorchestrator.agents;

import java.util.List;
import java.util.Map;

/**
 * One entry of the {@code archetypes:} configuration section; every field is optional when it overrides
 * a built-in archetype.
 */
public record ArchetypeSettings(
    String description,
    String systemPrompt,
    Double temperature,
    Integer maxTokens,
    String model,
    List<String> providers,
    Map<String, Object> outputSchema,
    List<String> allow,
    List<String> deny,
    Boolean readOnly,
    Integer maxSteps) {

  Archetype applyTo(String name, Archetype base) {
    if (base == null && (description == null || systemPrompt == null)) {
      throw new IllegalArgumentException("archetypes." + name
          + " is a new archetype: give it at least description and system-prompt");
    }
    ToolPermissions p = base == null ? ToolPermissions.all(false) : base.permissions();
    ToolPermissions permissions = new ToolPermissions(
        allow != null ? allow : p.allow(),
        deny != null ? deny : p.deny(),
        readOnly != null ? readOnly : p.readOnly());
    try {
      return new Archetype(name,
          pick(description, base == null ? null : base.description()),
          pick(systemPrompt, base == null ? null : base.systemPrompt()),
          temperature != null ? temperature : base == null ? null : base.temperature(),
          maxTokens != null ? maxTokens : base == null ? 4096 : base.maxTokens(),
          pick(model, base == null ? null : base.model()),
          providers != null ? providers : base == null ? List.of() : base.providers(),
          outputSchema != null ? outputSchema : base == null ? null : base.outputSchema(),
          permissions,
          maxSteps != null ? maxSteps : base == null ? 12 : base.maxSteps());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("archetypes." + name + ": " + e.getMessage(), e);
    }
  }

  private static <T> T pick(T override, T base) {
    return override != null ? override : base;
  }
}
