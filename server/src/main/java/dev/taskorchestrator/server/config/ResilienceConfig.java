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
 * @param multiplier growth of the wait from one retry to the next (at least 1)
 * @param jitter relative spread of each wait, 0 up to (not including) 1
 * @param maxDelay the longest wait, also the cap on a service's Retry-After
 * @param failuresToOpen consecutive failed calls that open a circuit
 * @param failureRatePercent or this share of failures over the last {@code windowSize} calls
 *     (once {@code minimumCalls} were made)
 * @param windowSize the calls the failure rate is measured over
 * @param minimumCalls calls needed before the failure rate counts (at most {@code windowSize})
 * @param openDuration how long an open circuit refuses calls before one probe goes through
 * @param halfOpenProbes probes let through at a time when half-open (at most {@code successesToClose})
 * @param successesToClose successful probes that close it again
 * @param maxConcurrentCalls calls in flight per provider or tool
 * @param queueWait how long a call beyond that waits for a free slot before it is refused (overloaded)
 * @param timeout how long one call may take
 * @param timeScale multiplies every wait (tests use 0.001); 1 in production
 */
public record ResilienceConfig(
    @Allowed(min = "0") int retries,
    @Allowed(above = "0s", hint = "such as 2s") Duration baseDelay,
    @Allowed(min = "1") double multiplier,
    @Allowed(min = "0", below = "1", hint = "0.1 is ±10 %") double jitter,
    @Allowed(above = "0s", min = "base-delay") Duration maxDelay,
    @Allowed(min = "1") int failuresToOpen,
    @Allowed(min = "1", max = "100") int failureRatePercent,
    @Allowed(min = "1") int windowSize,
    @Allowed(min = "1", max = "window-size") int minimumCalls,
    @Allowed(above = "0s", hint = "such as 30s") Duration openDuration,
    @Allowed(min = "1", max = "successes-to-close") int halfOpenProbes,
    @Allowed(min = "1") int successesToClose,
    @Allowed(min = "1") int maxConcurrentCalls,
    @Allowed(min = "0s") Duration queueWait,
    @Allowed(above = "0s", hint = "such as 120s") Duration timeout,
    @Allowed(above = "0", max = "1") double timeScale) {

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
