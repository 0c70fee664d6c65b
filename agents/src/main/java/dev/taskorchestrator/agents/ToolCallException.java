package dev.taskorchestrator.agents;

/** A downstream tool call that did not produce a result (the server was unreachable, timed out, failed). */
public final class ToolCallException extends Exception implements ClassifiedFailure {

  private final ErrorClass errorClass;

  public ToolCallException(ErrorClass errorClass, String message) {
    super(message, null, false, false);
    this.errorClass = errorClass;
  }

  @Override
  public ErrorClass errorClass() {
    return errorClass;
  }
}
