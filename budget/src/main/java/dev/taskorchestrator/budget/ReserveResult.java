package dev.taskorchestrator.budget;

import java.util.List;
import java.util.Objects;

/** The outcome of {@link BudgetGuard#reserve}: the money is held, or the call is refused. */
public sealed interface ReserveResult {

  /**
   * The estimate is held on every scope that applies.
   *
   * @param reservationId settle or release exactly this id when the call ends
   * @param estimate the amount held
   * @param scopes every scope charged, after the reservation, with warning states
   */
  record Reserved(String reservationId, Money estimate, List<ScopeState> scopes) implements ReserveResult {
    public Reserved {
      Objects.requireNonNull(reservationId, "reservationId is null");
      scopes = List.copyOf(scopes);
    }

    /** Scopes in WARNING or EXHAUSTED state, to tell the user before the money runs out. */
    public List<ScopeState> warnings() {
      return scopes.stream().filter(ScopeState::needsAttention).toList();
    }
  }

  /**
   * The call would not fit: nothing was held. A typed refusal, not an error.
   *
   * @param scope the first scope that cannot cover the estimate
   * @param id that scope's id
   * @param remaining what that scope has left
   * @param estimate the worst-case cost asked for
   * @param message one plain sentence naming the scope, the remaining amount and the estimate
   */
  record Refused(Scope scope, String id, Money remaining, Money estimate, String message) implements ReserveResult {
    public Refused {
      Objects.requireNonNull(scope, "scope is null");
      Objects.requireNonNull(message, "message is null");
    }
  }
}
