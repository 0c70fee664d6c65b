package dev.taskorchestrator.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * Retry policy: attempt {@code n} (1-based, after the first call) waits
 * {@code baseDelay × multiplier^(n-1)} ± {@code jitter}, at most {@code maxDelay}. A {@code Retry-After}
 * from the service is honoured (the wait is the larger of it and the back-off) as long as it does not
 * exceed {@code maxDelay}; a longer one ends the retries at once so that the caller can fall back.
 *
 * @param maxRetries retries after the first attempt (0 disables retrying)
 * @param baseDelay the first retry's nominal wait
 * @param multiplier growth factor between retries, at least 1
 * @param jitter relative spread in [0, 1): 0.1 means ±10 %
 * @param maxDelay the cap on any single wait, including an honoured {@code Retry-After}
 */
public record RetrySettings(int maxRetries, Duration baseDelay, double multiplier, double jitter, Duration maxDelay) {

  public RetrySettings {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0: " + maxRetries);
    }
    requirePositive(baseDelay, "baseDelay");
    requirePositive(maxDelay, "maxDelay");
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be >= 1: " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter < 1.0)) {
      throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
    }
    if (maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException("maxDelay " + maxDelay + " is shorter than baseDelay " + baseDelay);
    }
  }

  /** 3 retries, 2 s, ×2, ±10 %, cap 60 s: waits of about 2 s, 4 s and 8 s. */
  public static RetrySettings ofDefaults() {
    return new RetrySettings(3, Duration.ofSeconds(2), 2.0, 0.1, Duration.ofSeconds(60));
  }

  /** No retries at all. */
  public static RetrySettings none() {
    return ofDefaults().withMaxRetries(0);
  }

  public RetrySettings withMaxRetries(int maxRetries) {
    return new RetrySettings(maxRetries, baseDelay, multiplier, jitter, maxDelay);
  }

  public RetrySettings withBaseDelay(Duration baseDelay) {
    return new RetrySettings(maxRetries, baseDelay, multiplier, jitter, maxDelay);
  }

  public RetrySettings withJitter(double jitter) {
    return new RetrySettings(maxRetries, baseDelay, multiplier, jitter, maxDelay);
  }

  public RetrySettings withMaxDelay(Duration maxDelay) {
    return new RetrySettings(maxRetries, baseDelay, multiplier, jitter, maxDelay);
  }

  static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name + " is null");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
