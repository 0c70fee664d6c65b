package dev.taskorchestrator.resilience;

import java.time.Duration;

/**
 * Circuit breaker policy. The breaker opens after {@code consecutiveFailures} failed calls in a row,
 * or when at least {@code failureRatePercent} % of the last {@code windowSize} calls failed (once at
 * least {@code minimumCalls} were made). It stays open for {@code openDuration}, then half-opens:
 * at most {@code halfOpenProbes} probe calls run at a time; {@code closeAfterSuccesses} successful
 * probes close it, and one failed probe opens it again.
 */
public record BreakerSettings(
    int consecutiveFailures,
    int failureRatePercent,
    int windowSize,
    int minimumCalls,
    Duration openDuration,
    int halfOpenProbes,
    int closeAfterSuccesses) {

  public BreakerSettings {
    requireAtLeastOne(consecutiveFailures, "consecutiveFailures");
    if (failureRatePercent < 1 || failureRatePercent > 100) {
      throw new IllegalArgumentException("failureRatePercent must be in 1..100: " + failureRatePercent);
    }
    requireAtLeastOne(windowSize, "windowSize");
    requireAtLeastOne(minimumCalls, "minimumCalls");
    if (minimumCalls > windowSize) {
      throw new IllegalArgumentException(
          "minimumCalls " + minimumCalls + " exceeds windowSize " + windowSize);
    }
    RetrySettings.requirePositive(openDuration, "openDuration");
    requireAtLeastOne(halfOpenProbes, "halfOpenProbes");
    requireAtLeastOne(closeAfterSuccesses, "closeAfterSuccesses");
    if (halfOpenProbes > closeAfterSuccesses) {
      throw new IllegalArgumentException(
          "halfOpenProbes " + halfOpenProbes + " exceeds closeAfterSuccesses " + closeAfterSuccesses);
    }
  }

  /** 3 in a row or ≥ 50 % of the last 10 (at least 5 calls); open 30 s; 1 probe; 2 successes close. */
  public static BreakerSettings ofDefaults() {
    return new BreakerSettings(3, 50, 10, 5, Duration.ofSeconds(30), 1, 2);
  }

  public BreakerSettings withConsecutiveFailures(int consecutiveFailures) {
    return new BreakerSettings(consecutiveFailures, failureRatePercent, windowSize, minimumCalls,
        openDuration, halfOpenProbes, closeAfterSuccesses);
  }

  public BreakerSettings withOpenDuration(Duration openDuration) {
    return new BreakerSettings(consecutiveFailures, failureRatePercent, windowSize, minimumCalls,
        openDuration, halfOpenProbes, closeAfterSuccesses);
  }

  private static void requireAtLeastOne(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1: " + value);
    }
  }
}
