package dev.taskorchestrator.budget;

import dev.taskorchestrator.budget.internal.ScopeRow;

/** Builds the refusal of a call that a scope cannot cover, in one plain sentence. */
final class Refusals {

  private Refusals() {}

  static ReserveResult.Refused refused(ScopeRow row, ReservationRequest req) {
    Money remaining = row.remaining();
    String message = "budget exceeded: " + describe(row) + " has " + remaining.max(Money.ZERO) + " left of "
        + row.limit() + " (spent " + row.spent() + ", reserved for calls in flight " + row.reserved()
        + "); this call to " + req.model() + " may cost up to " + req.estimate();
    return new ReserveResult.Refused(row.key().scope(), row.key().displayId(), remaining, req.estimate(), message);
  }

  static String describe(ScopeRow row) {
    var k = row.key();
    return switch (k.scope()) {
      case TASK -> "task '" + k.key() + "'";
      case SESSION -> "session '" + k.key() + "'";
      case DAY -> "the daily budget (" + k.period() + ")";
      case MONTH -> "the monthly budget (" + k.period() + ")";
      case PROVIDER -> "the daily budget of provider '" + k.key() + "' (" + k.period() + ")";
    };
  }
}
