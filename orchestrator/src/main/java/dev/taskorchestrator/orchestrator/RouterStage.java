package dev.taskorchestrator.orchestrator;

import dev.taskorchestrator.agents.AgentOutcome;
import dev.taskorchestrator.agents.ModelGateway;
import dev.taskorchestrator.agents.ProviderCallGuard;
import java.util.Optional;

/**
 * One named check of the router (DESIGN.md, "Request lifecycle"): {@code budget}, {@code circuits},
 * {@code patterns} before the agent runs; {@code learn} and {@code settle} after. A stage may refuse the
 * spawn, shape the run, and wrap every model call (the budget reserves and settles around each).
 */
public interface RouterStage {

  /** The stage's name, as in traces and results. */
  String name();

  /** Before the agent runs: empty to go on, or the refusal. */
  default Optional<Refusal> admit(SpawnContext spawn) {
    return Optional.empty();
  }

  /** Wraps the model calls of this spawn; the default adds nothing. */
  default ModelGateway wrap(SpawnContext spawn, ModelGateway next) {
    return next;
  }

  /**
   * Wraps each attempt on one provider (the budget reserves the worst case for that provider's model,
   * then settles the real cost); the default adds nothing.
   */
  default ProviderCallGuard guardProvider(SpawnContext spawn, ProviderCallGuard next) {
    return next;
  }

  /** The name of the after-run part in traces ({@code learn}, {@code settle}); by default {@link #name()}. */
  default String afterName() {
    return name();
  }

  /** After the agent ran, whatever the outcome (also after a refusal by a later stage: outcome null). */
  default void after(SpawnContext spawn, AgentOutcome outcome) {}
}
