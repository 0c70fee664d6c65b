package dev.taskorchestrator.budget;

/** A budget operation was asked for something impossible (an unknown reservation, a cap above the parent's). */
public final class BudgetException extends RuntimeException {

  public BudgetException(String message) {
    super(message);
  }
}
