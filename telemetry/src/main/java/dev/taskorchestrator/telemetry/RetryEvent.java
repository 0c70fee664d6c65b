package dev.taskorchestrator.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One failed attempt that was retried, recorded as a {@code retry} span event.
 *
 * @param attempt 1-based number of the failed attempt
 * @param errorClass the failure class (e.g. {@code rate_limit}, {@code timeout})
 * @param message a short description (redacted on export)
 * @param backoff how long the caller waited before the next attempt
 * @param at when the attempt failed
 */
public record RetryEvent(int attempt, String errorClass, String message, Duration backoff, Instant at) {
  public RetryEvent {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
    }
    Objects.requireNonNull(errorClass, "errorClass is null");
    Objects.requireNonNull(message, "message is null");
    Objects.requireNonNull(backoff, "backoff is null");
    Objects.requireNonNull(at, "at is null");
  }
}
