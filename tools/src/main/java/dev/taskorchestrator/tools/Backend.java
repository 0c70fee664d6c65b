package dev.taskorchestrator.tools;

import dev.taskorchestrator.budget.BudgetGuard;
import dev.taskorchestrator.orchestrator.Orchestrator;
import dev.taskorchestrator.patterns.PatternStore;
import dev.taskorchestrator.telemetry.Telemetry;
import java.util.Objects;

/**
 * What the tools work on. The server lists its tools before these have started (a client asks for the
 * list right after {@code initialize}); a tool call waits until they have.
 */
public record Backend(Orchestrator orchestrator, BudgetGuard budget, PatternStore patterns, Telemetry telemetry) {

  public Backend {
    Objects.requireNonNull(orchestrator, "orchestrator is null");
    Objects.requireNonNull(budget, "budget is null");
    Objects.requireNonNull(patterns, "patterns is null");
    Objects.requireNonNull(telemetry, "telemetry is null");
  }
}
