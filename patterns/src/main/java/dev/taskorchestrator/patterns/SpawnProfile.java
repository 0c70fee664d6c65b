package dev.taskorchestrator.patterns;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the pre-spawn check knows about a spawn.
 *
 * @param archetype the archetype's name ({@code researcher})
 * @param providerTargets the fallback chain as targets ({@code provider:openai/gpt-4o}), in order
 * @param permittedTools qualified tools ({@code search.web}) the agent may use
 * @param openCircuitTools tools whose breaker is open now
 * @param taskText the task prompt
 */
public record SpawnProfile(String archetype, List<String> providerTargets, List<String> permittedTools,
    Set<String> openCircuitTools, String taskText) {

  public SpawnProfile {
    Target.archetype(archetype);
    providerTargets = List.copyOf(providerTargets);
    providerTargets.forEach(p -> {
      if (Target.kindOf(p) != Target.Kind.PROVIDER) {
        throw new IllegalArgumentException("provider targets must be provider:NAME/MODEL, got: " + p);
      }
    });
    permittedTools = List.copyOf(permittedTools);
    permittedTools.forEach(Target::checkToolName);
    openCircuitTools = Set.copyOf(openCircuitTools);
    Objects.requireNonNull(taskText, "taskText is null");
  }
}
