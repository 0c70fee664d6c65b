package dev.taskorchestrator.orchestrator;

import java.util.Objects;

/**
 * The arguments of {@code spawn_archetype_agent}, checked.
 *
 * @param archetype a known archetype name
 * @param task what the agent should do
 * @param context optional material for the agent
 * @param model a model to prefer, or null
 * @param maxTokens output limit per model call, or null for the archetype's
 * @param sessionId the caller's session, or null
 * @param parentTaskId the task this one is a sub-task of, or null
 * @param background return the task id at once and run in the background
 * @param budgetUsd the task's budget in USD, or null (a sub-task then gets its parent's remaining budget)
 */
public record SpawnRequest(String archetype, String task, String context, String model, Integer maxTokens,
    String sessionId, String parentTaskId, boolean background, java.math.BigDecimal budgetUsd) {

  public SpawnRequest {
    Objects.requireNonNull(archetype, "archetype is null");
    Objects.requireNonNull(task, "task is null");
    if (task.isBlank()) {
      throw new IllegalArgumentException("task is empty: say what the agent should do");
    }
    if (maxTokens != null && (maxTokens < 1 || maxTokens > 200_000)) {
      throw new IllegalArgumentException("max_tokens must be between 1 and 200000, was " + maxTokens);
    }
    context = context == null ? "" : context;
    if (budgetUsd != null && budgetUsd.signum() < 0) {
      throw new IllegalArgumentException("budget_usd must not be negative, was " + budgetUsd);
    }
  }
}
