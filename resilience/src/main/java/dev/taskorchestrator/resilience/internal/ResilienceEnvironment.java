package dev.taskorchestrator.resilience.internal;

import dev.taskorchestrator.resilience.BreakerStore;
import dev.taskorchestrator.resilience.BreakerTransition;
import dev.taskorchestrator.resilience.RetryAttempt;
import dev.taskorchestrator.resilience.RetrySleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

/**
 * What every guard of one registry shares: the clock, the time scale of the retry and open waits, the
 * sleeper, the jitter source, the store, the deadline watchdog and the listener fan-out.
 *
 * @param passThrough unchecked exceptions that propagate unchanged, neither retried nor counted
 */
public record ResilienceEnvironment(
    Clock clock,
    double timeScale,
    RetrySleeper sleeper,
    DoubleSupplier jitterRandom,
    BreakerStore store,
    DeadlineWatchdog watchdog,
    Consumer<BreakerTransition> transitions,
    Consumer<RetryAttempt> retries,
    Predicate<Throwable> passThrough) {

  public ResilienceEnvironment {
    Objects.requireNonNull(clock, "clock is null");
    if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
      throw new IllegalArgumentException("timeScale must be positive: " + timeScale);
    }
    Objects.requireNonNull(sleeper, "sleeper is null");
    Objects.requireNonNull(jitterRandom, "jitterRandom is null");
    Objects.requireNonNull(store, "store is null");
    Objects.requireNonNull(watchdog, "watchdog is null");
    Objects.requireNonNull(transitions, "transitions is null");
    Objects.requireNonNull(retries, "retries is null");
    Objects.requireNonNull(passThrough, "passThrough is null");
  }

  /** A nominal duration (settings, Retry-After) as the layer really waits it. */
  public Duration scaled(Duration nominal) {
    if (timeScale == 1.0) {
      return nominal;
    }
    return Duration.ofNanos(Math.max(1, Math.round(nominal.toNanos() * timeScale)));
  }
}
