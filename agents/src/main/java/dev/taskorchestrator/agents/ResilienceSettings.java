package dev.taskorchestrator.agents;

import java.time.Duration;
import java.util.Objects;

/**
 * How one guarded name (a provider, or a tool {@code server.tool}) is protected.
 *
 * @param retry the retry policy
 * @param breaker the circuit breaker policy
 * @param maxConcurrentCalls the bulkhead: calls beyond this many in flight are refused at once
 * @param timeout the longest one attempt may take; the layer interrupts the calling thread and
 *     classifies the attempt {@link ErrorClass#TIMEOUT} when it is exceeded (real time, never scaled)
 */
public record ResilienceSettings(
    RetrySettings retry, BreakerSettings breaker, int maxConcurrentCalls, Duration timeout) {

  public ResilienceSettings {
    Objects.requireNonNull(retry, "retry is null");
    Objects.requireNonNull(breaker, "breaker is null");
    if (maxConcurrentCalls < 1) {
      throw new IllegalArgumentException("maxConcurrentCalls must be >= 1: " + maxConcurrentCalls);
    }
    RetrySettings.requirePositive(timeout, "timeout");
  }

  /** Default retry and breaker policies, 10 concurrent calls, 120 s per attempt. */
  public static ResilienceSettings ofDefaults() {
    return new ResilienceSettings(RetrySettings.ofDefaults(), BreakerSettings.ofDefaults(), 10,
        Duration.ofSeconds(120));
  }

  public ResilienceSettings withRetry(RetrySettings retry) {
    return new ResilienceSettings(retry, breaker, maxConcurrentCalls, timeout);
  }

  public ResilienceSettings withBreaker(BreakerSettings breaker) {
    return new ResilienceSettings(retry, breaker, maxConcurrentCalls, timeout);
  }

  public ResilienceSettings withMaxConcurrentCalls(int maxConcurrentCalls) {
    return new ResilienceSettings(retry, breaker, maxConcurrentCalls, timeout);
  }

  public ResilienceSettings withTimeout(Duration timeout) {
    return new ResilienceSettings(retry, breaker, maxConcurrentCalls, timeout);
  }
}
