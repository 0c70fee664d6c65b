package dev.taskorchestrator.resilience;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A breaker's state as stored on each transition, so that an open breaker stays open across a
 * restart (with the remaining wait, not a fresh one).
 *
 * @param openUntil when an OPEN breaker admits its first probe
 * @param lastMessage redacted and truncated
 */
public record PersistedBreaker(
    String name,
    BreakerKind kind,
    BreakerState state,
    Optional<Instant> openedAt,
    Optional<Instant> openUntil,
    int consecutiveFailures,
    Optional<ErrorClass> lastErrorClass,
    Optional<String> lastMessage,
    Instant updatedAt) {

  public PersistedBreaker {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(state, "state is null");
    Objects.requireNonNull(openedAt, "openedAt is null");
    Objects.requireNonNull(openUntil, "openUntil is null");
    Objects.requireNonNull(lastErrorClass, "lastErrorClass is null");
    Objects.requireNonNull(lastMessage, "lastMessage is null");
    Objects.requireNonNull(updatedAt, "updatedAt is null");
  }
}
