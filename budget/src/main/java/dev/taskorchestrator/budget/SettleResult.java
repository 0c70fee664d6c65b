package dev.taskorchestrator.budget;

import java.util.List;

/**
 * The outcome of {@link BudgetGuard#settle}.
 *
 * @param reservationId the reservation settled
 * @param cost the cost recorded in the ledger (the first settlement's, for a repeated call)
 * @param duplicate true when the reservation had already been settled: nothing was counted again
 * @param scopes every scope charged, after settling, with warning states
 */
public record SettleResult(String reservationId, Money cost, boolean duplicate, List<ScopeState> scopes) {

  public SettleResult {
    scopes = List.copyOf(scopes);
  }

  public List<ScopeState> warnings() {
    return scopes.stream().filter(ScopeState::needsAttention).toList();
  }
}
