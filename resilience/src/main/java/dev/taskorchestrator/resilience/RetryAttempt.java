package dev.taskorchestrator.resilience;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An attempt failed and the guard will retry after {@code delay}. Published to
 * {@link ResilienceRegistry#onRetry} listeners on the calling thread before the wait starts, so that
 * it can become a span event ({@code resilience.retry}).
 *
 * @param attempt the failed attempt's number (1 = the first call)
 * @param delay the scheduled wait before the next attempt, in nominal time (the real wait is
 *     {@code delay × timeScale})
 * @param retryAfter the service's Retry-After, if it sent one
 */
public record RetryAttempt(
    String name,
    BreakerKind kind,
    int attempt,
    ErrorClass errorClass,
    String message,
    Duration delay,
    Optional<Duration> retryAfter,
    Instant at) {

  public RetryAttempt {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(errorClass, "errorClass is null");
    Objects.requireNonNull(message, "message is null");
    Objects.requireNonNull(delay, "delay is null");
    Objects.requireNonNull(retryAfter, "retryAfter is null");
    Objects.requireNonNull(at, "at is null");
  }
}
