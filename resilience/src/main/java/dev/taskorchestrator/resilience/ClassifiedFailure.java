package dev.taskorchestrator.resilience;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that knows why it happened. Exceptions thrown by guarded calls (provider and tool
 * clients) implement it so that the resilience layer can decide whether to retry, how long to wait
 * and whether the failure says anything about the health of the service.
 *
 * <p>Exceptions that do not implement it are classified by type: {@code HttpTimeoutException},
 * {@code InterruptedIOException} and {@code TimeoutException} are {@link ErrorClass#TIMEOUT}, other
 * {@code IOException}s {@link ErrorClass#NETWORK}, anything else {@link ErrorClass#SERVER}.
 */
public interface ClassifiedFailure {

  /** Why the call failed. */
  ErrorClass errorClass();

  /** How long the service asked us to wait before trying again ({@code Retry-After}), if it said. */
  default Optional<Duration> retryAfter() {
    return Optional.empty();
  }

  /** Whether trying the same call again later may succeed; by default the class decides. */
  default boolean retryable() {
    return errorClass().retryable();
  }

  /**
   * Whether this failure counts against the service's circuit breaker. By default only retryable
   * classes do: a refused key or a malformed request says nothing about whether the service is up.
   */
  default boolean countsAgainstCircuit() {
    return errorClass().retryable();
  }
}
