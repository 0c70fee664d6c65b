package dev.taskorchestrator.resilience;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A breaker changed state. Published to {@link ResilienceRegistry#onTransition} listeners on the
 * thread that caused it, so that it can become an MCP logging notification and a span event.
 *
 * @param nextHalfOpen when {@code to} is OPEN: when the first probe will be admitted
 */
public record BreakerTransition(
    String name,
    BreakerKind kind,
    BreakerState from,
    BreakerState to,
    Instant at,
    Optional<ErrorClass> lastErrorClass,
    Optional<String> lastMessage,
    Optional<Instant> nextHalfOpen) {

  public BreakerTransition {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(from, "from is null");
    Objects.requireNonNull(to, "to is null");
    Objects.requireNonNull(at, "at is null");
    Objects.requireNonNull(lastErrorClass, "lastErrorClass is null");
    Objects.requireNonNull(lastMessage, "lastMessage is null");
    Objects.requireNonNull(nextHalfOpen, "nextHalfOpen is null");
  }
}
