package dev.taskorchestrator.resilience;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One circuit breaker as {@code circuit_status} shows it.
 *
 * @param failureRate failed / recorded calls in the current window, 0..1 (0 with no calls)
 * @param callsInWindow calls recorded in the current window (in HALF_OPEN: the probes so far)
 * @param failedCallsInWindow of which failed
 * @param consecutiveFailures failed calls in a row
 * @param openedAt when it last opened, if it is not closed
 * @param nextHalfOpen when an OPEN breaker admits its first probe
 */
public record BreakerStatus(
    String name,
    BreakerKind kind,
    BreakerState state,
    double failureRate,
    int callsInWindow,
    int failedCallsInWindow,
    int consecutiveFailures,
    Optional<ErrorClass> lastErrorClass,
    Optional<String> lastMessage,
    Optional<Instant> openedAt,
    Optional<Instant> nextHalfOpen) {

  public BreakerStatus {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(state, "state is null");
    Objects.requireNonNull(lastErrorClass, "lastErrorClass is null");
    Objects.requireNonNull(lastMessage, "lastMessage is null");
    Objects.requireNonNull(openedAt, "openedAt is null");
    Objects.requireNonNull(nextHalfOpen, "nextHalfOpen is null");
  }
}
