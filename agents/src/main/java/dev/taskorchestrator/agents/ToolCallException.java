package dev.taskorchestrator.agents;

import dev.taskorchestrator.resilience.ClassifiedFailure;
import dev.taskorchestrator.resilience.ErrorClass;

/** A downstream tool call that did not produce a result (the server was unreachable, timed out, failed). */
public final class ToolCallException extends Exception implements ClassifiedFailure {

  private final ErrorClass errorClass;
  private final boolean refused;

  public ToolCallException(ErrorClass errorClass, String message) {
    this(errorClass, message, false);
  }

  private ToolCallException(ErrorClass errorClass, String message, boolean refused) {
    super(message, null, false, false);
    this.errorClass = errorClass;
    this.refused = refused;
  }

  /**
   * The orchestrator's own guard refused the call before it reached the tool (its circuit is open, or
   * too many calls are in flight); {@code errorClass} is the failure that made the guard refuse.
   */
  public static ToolCallException refused(ErrorClass errorClass, String message) {
    return new ToolCallException(errorClass, message, true);
  }

  /** True when the call never reached the tool because the orchestrator's guard refused it. */
  public boolean refused() {
    return refused;
  }

  @Override
  public ErrorClass errorClass() {
    return errorClass;
  }
}
