package dev.taskorchestrator.server.config;

import dev.taskorchestrator.resilience.BreakerSettings;
import dev.taskorchestrator.resilience.ResilienceSettings;
import dev.taskorchestrator.resilience.RetrySettings;
import java.time.Duration;

/**
 * The {@code resilience:} section: retry, circuit breaker, bulkhead and timeout of every provider and
 * downstream tool call.
 *
 * @param retries retries after the first attempt (retryable failures only)
 * @param baseDelay the first wait; each next one is {@code multiplier} times longer, ±{@code jitter}
 * @param maxDelay the longest wait, also the cap on a service's Retry-After
 * @param failuresToOpen consecutive failed calls that open a circuit
 * @param failureRatePercent or this share of failures over the last {@code windowSize} calls
 *     (once {@code minimumCalls} were made)
 * @param openDuration how long an open circuit refuses calls before one probe goes through
 * @param successesToClose successful probes that close it again
 * @param maxConcurrentCalls calls in flight per provider or tool
 * @param queueWait how long a call beyond that waits for a free slot before it is refused (overloaded)
 * @param timeout how long one call may take
 * @param timeScale multiplies every wait (tests use 0.001); 1 in production
 */
public record ResilienceConfig(
    int retries,
    Duration baseDelay,
    double multiplier,
    double jitter,
    Duration maxDelay,
    int failuresToOpen,
    int failureRatePercent,
    int windowSize,
    int minimumCalls,
    Duration openDuration,
    int halfOpenProbes,
    int successesToClose,
    int maxConcurrentCalls,
    Duration queueWait,
    Duration timeout,
    double timeScale) {

  public static ResilienceConfig defaults() {
    ResilienceSettings d = ResilienceSettings.ofDefaults();
    RetrySettings r = d.retry();
    BreakerSettings b = d.breaker();
    return new ResilienceConfig(r.maxRetries(), r.baseDelay(), r.multiplier(), r.jitter(), r.maxDelay(),
        b.consecutiveFailures(), b.failureRatePercent(), b.windowSize(), b.minimumCalls(), b.openDuration(),
        b.halfOpenProbes(), b.closeAfterSuccesses(), d.maxConcurrentCalls(), d.queueWait(), d.timeout(), 1.0);
  }

  /** The settings, checked; the message names the rule broken. */
  public ResilienceSettings settings() {
    return new ResilienceSettings(new RetrySettings(retries, baseDelay, multiplier, jitter, maxDelay),
        new BreakerSettings(failuresToOpen, failureRatePercent, windowSize, minimumCalls, openDuration,
            halfOpenProbes, successesToClose),
        maxConcurrentCalls, timeout, queueWait);
  }
}
