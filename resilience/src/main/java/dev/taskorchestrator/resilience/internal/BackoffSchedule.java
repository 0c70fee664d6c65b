package dev.taskorchestrator.resilience.internal;

import dev.taskorchestrator.resilience.RetrySettings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/** The exponential back-off with jitter of a {@link RetrySettings}, and how it meets Retry-After. */
public final class BackoffSchedule {

  private final RetrySettings settings;
  private final DoubleSupplier random;

  /** @param random uniform values in [0, 1), for the jitter */
  public BackoffSchedule(RetrySettings settings, DoubleSupplier random) {
    this.settings = Objects.requireNonNull(settings, "settings is null");
    this.random = Objects.requireNonNull(random, "random is null");
  }

  /**
   * The nominal wait before retry {@code retry} (1 = the first retry):
   * {@code base × multiplier^(retry-1) × (1 ± jitter)}, capped at {@code maxDelay}.
   */
  public Duration backoff(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be >= 1: " + retry);
    }
    double nominal = settings.baseDelay().toNanos() * Math.pow(settings.multiplier(), retry - 1);
    double spread = settings.jitter() * (2 * random.getAsDouble() - 1);
    double nanos = Math.min(nominal * (1 + spread), settings.maxDelay().toNanos());
    return Duration.ofNanos(Math.round(nanos));
  }

  /**
   * The wait before retry {@code retry}: the back-off, or the service's Retry-After when that is
   * longer. Empty when the Retry-After exceeds {@code maxDelay}: better to fall back than to wait.
   */
  public Optional<Duration> delay(int retry, Optional<Duration> retryAfter) {
    Duration backoff = backoff(retry);
    if (retryAfter.isEmpty()) {
      return Optional.of(backoff);
    }
    Duration asked = retryAfter.get();
    if (asked.compareTo(settings.maxDelay()) > 0) {
      return Optional.empty();
    }
    return Optional.of(asked.compareTo(backoff) > 0 ? asked : backoff);
  }
}
