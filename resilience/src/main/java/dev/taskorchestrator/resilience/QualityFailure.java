package dev.taskorchestrator.resilience;

import java.util.Objects;

/**
 * A technically successful answer that is unusable: empty output, or output that fails its schema.
 * Throw it from inside a guarded call (or report it afterwards with
 * {@link CallGuard#reportQualityFailure(String)}) so that it counts against the circuit breaker.
 * It is {@link ErrorClass#CONTENT} and is not retried by the resilience layer; the agent loop decides
 * whether to ask again with a corrective instruction.
 */
public final class QualityFailure extends Exception implements ClassifiedFailure {

  private static final long serialVersionUID = 1L;

  public QualityFailure(String message) {
    super(Objects.requireNonNull(message, "message is null"), null, false, false);
  }

  @Override
  public ErrorClass errorClass() {
    return ErrorClass.CONTENT;
  }

  @Override
  public boolean countsAgainstCircuit() {
    return true;
  }
}
