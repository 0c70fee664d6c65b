package dev.taskorchestrator.resilience;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Retry, circuit breaker, bulkhead and per-attempt timeout around calls to one provider or one
 * downstream tool, in that order: each attempt passes the breaker (so an opening breaker stops the
 * retries at once), then the bulkhead, then runs under a deadline.
 *
 * <pre>{@code
 * CallGuard guard = registry.guard("anthropic", BreakerKind.PROVIDER);
 * Reply reply = guard.call(attempt -> client.send(request, attempt.timeout()));
 * }</pre>
 *
 * <p>Listeners registered on the {@link ResilienceRegistry} run on the calling thread.
 */
public interface CallGuard {

  /** The provider name or {@code server.tool}. */
  String name();

  BreakerKind kind();

  /** Runs {@code call} under the guard. */
  default <T> T call(Callable<T> call) throws GuardedCallException {
    Objects.requireNonNull(call, "call is null");
    return call((Attempt attempt) -> call.call());
  }

  /** Runs {@code call} under the guard, telling each attempt its number and deadline. */
  <T> T call(AttemptCallable<T> call) throws GuardedCallException;

  /**
   * Reports that the last call succeeded technically but its output was unusable (empty, or failing
   * its schema). It counts as a failed call: the consecutive-failure count continues from where it
   * stood before that call's success, and the failure enters the failure-rate window.
   */
  void reportQualityFailure(String message);

  /** Whether the breaker would admit a call now (without taking a permit). */
  boolean admits();

  /** This breaker's state and counters now. */
  BreakerStatus status();

  /** A guarded body that wants to know its attempt number and deadline. */
  @FunctionalInterface
  interface AttemptCallable<T> {
    T call(Attempt attempt) throws Exception;
  }

  /**
   * One attempt.
   *
   * @param number 1 for the first call, 2 for the first retry, …
   * @param deadline when the guard gives up on this attempt (on the registry's clock)
   * @param timeout the time this attempt has: pass it on to the HTTP request
   */
  record Attempt(int number, Instant deadline, Duration timeout) {
    public Attempt {
      Objects.requireNonNull(deadline, "deadline is null");
      Objects.requireNonNull(timeout, "timeout is null");
    }
  }
}
