package dev.taskorchestrator.orchestrator;

import java.util.Map;

/**
 * What a spawn gives back: the task as stored, and, when the router declined it, the refusal.
 *
 * @param task the task record (status {@code running} for a background spawn)
 * @param latencyMs wall time of this call
 * @param refusal why the router declined, or null
 * @param extras fields the stages added (budget state, patterns applied, providers passed over, …)
 */
public record SpawnResult(TaskRecord task, long latencyMs, Refusal refusal, Map<String, Object> extras) {

  public SpawnResult {
    extras = extras == null ? Map.of() : Map.copyOf(extras);
  }

  public boolean refused() {
    return refusal != null;
  }
}
