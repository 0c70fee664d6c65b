package dev.taskorchestrator.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * How one guarded name (a provider, or a tool {@code server.tool}) is protected.
 *
 * @param retry the retry policy
 * @param breaker the circuit breaker policy
 * @param maxConcurrentCalls the bulkhead: at most this many calls in flight
 * @param timeout the longest one attempt may take; the layer interrupts the calling thread and
 *     classifies the attempt {@link ErrorClass#TIMEOUT} when it is exceeded (real time, never scaled)
 * @param queueWait how long a call beyond {@code maxConcurrentCalls} waits for a free slot before it is
 *     refused as {@link ErrorClass#OVERLOADED}; zero refuses at once
 */
public record ResilienceSettings(
    RetrySettings retry, BreakerSettings breaker, int maxConcurrentCalls, Duration timeout, Duration queueWait) {

  public ResilienceSettings {
    Objects.requireNonNull(retry, "retry is null");
    Objects.requireNonNull(breaker, "breaker is null");
    if (maxConcurrentCalls < 1) {
      throw new IllegalArgumentException("maxConcurrentCalls must be >= 1: " + maxConcurrentCalls);
    }
    RetrySettings.requirePositive(timeout, "timeout");
    Objects.requireNonNull(queueWait, "queueWait is null");
    if (queueWait.isNegative()) {
      throw new IllegalArgumentException("queueWait must not be negative: " + queueWait);
    }
  }

  /**
   * Default retry and breaker policies, 256 concurrent calls (others wait up to 60 s), 120 s per attempt.
   * The bulkhead guards against a runaway, not ordinary parallel work: 200 background spawns must not
   * queue behind a handful of slots.
   */
  public static ResilienceSettings ofDefaults() {
    return new ResilienceSettings(RetrySettings.ofDefaults(), BreakerSettings.ofDefaults(), 256,
        Duration.ofSeconds(120), Duration.ofSeconds(60));
  }

  public ResilienceSettings withRetry(RetrySettings retry) {
    return new ResilienceSettings(retry, breaker, maxConcurrentCalls, timeout, queueWait);
  }

  public ResilienceSettings withBreaker(BreakerSettings breaker) {
    return new ResilienceSettings(retry, breaker, maxConcurrentCalls, timeout, queueWait);
  }

  public ResilienceSettings withMaxConcurrentCalls(int maxConcurrentCalls) {
    return new ResilienceSettings(retry, breaker, maxConcurrentCalls, timeout, queueWait);
  }

  public ResilienceSettings withTimeout(Duration timeout) {
    return new ResilienceSettings(retry, breaker, maxConcurrentCalls, timeout, queueWait);
  }

  public ResilienceSettings withQueueWait(Duration queueWait) {
    return new ResilienceSettings(retry, breaker, maxConcurrentCalls, timeout, queueWait);
  }
}
