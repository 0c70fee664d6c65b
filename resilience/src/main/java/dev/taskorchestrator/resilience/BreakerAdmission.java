package dev.taskorchestrator.resilience;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which of the names the router asked about admit a call now.
 *
 * @param admitted the admitting names, in the order asked
 * @param earliestHalfOpen when none admits: the earliest time one of them admits a probe
 */
public record BreakerAdmission(List<String> admitted, Optional<Instant> earliestHalfOpen) {

  public BreakerAdmission {
    admitted = List.copyOf(admitted);
    Objects.requireNonNull(earliestHalfOpen, "earliestHalfOpen is null");
  }

  public boolean anyAdmitted() {
    return !admitted.isEmpty();
  }

  /** The first admitting name (the router's pick in a fallback chain). */
  public Optional<String> first() {
    return admitted.stream().findFirst();
  }

  /** Whole seconds until the earliest half-open, rounded up (for {@code retry_after_seconds}). */
  public Optional<Long> retryAfterSeconds(Instant now) {
    return earliestHalfOpen.map(t -> {
      Duration wait = Duration.between(now, t);
      if (wait.isNegative() || wait.isZero()) {
        return 0L;
      }
      return wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    });
  }
}
