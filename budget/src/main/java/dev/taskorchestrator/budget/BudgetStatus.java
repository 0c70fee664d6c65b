package dev.taskorchestrator.budget;

import java.util.Locale;

/** How much of a scope's limit is left. */
public enum BudgetStatus {
  /** Unlimited, or at least the warning threshold remains. */
  OK,
  /** Less than the warning threshold (default 20 %) of the limit remains. */
  WARNING,
  /** Nothing remains to reserve. */
  EXHAUSTED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
