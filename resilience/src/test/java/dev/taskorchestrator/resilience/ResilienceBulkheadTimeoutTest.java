package dev.taskorchestrator.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskorchestrator.storage.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResilienceBulkheadTimeoutTest {

  private static final Duration TIMEOUT = Duration.ofMillis(50);
  private static final ResilienceSettings SETTINGS = ResilienceSettings.ofDefaults()
      .withRetry(RetrySettings.none()).withMaxConcurrentCalls(2).withTimeout(TIMEOUT).withQueueWait(Duration.ZERO);

  private final MutableClock clock = MutableClock.atEpochPlusDays(3);
  private final List<RetryAttempt> retries = new CopyOnWriteArrayList<>();
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private ResilienceRegistry registry = registry(SETTINGS);

  private ResilienceRegistry registry(ResilienceSettings settings) {
    ResilienceRegistry r = ResilienceRegistry.builder().settings(settings).clock(clock)
        .sleeper(clock::advance).build();
    r.onRetry(retries::add);
    return r;
  }

  @AfterEach
  void close() {
    pool.shutdownNow();
    registry.close();
  }

  /** Starts two calls that hold both bulkhead slots until {@code release}; returns once both run. */
  private List<Future<String>> fillBulkhead(CallGuard guard, CountDownLatch release) throws InterruptedException {
    CountDownLatch running = new CountDownLatch(2);
    List<Future<String>> inFlight = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      inFlight.add(pool.submit(() -> guard.call(() -> {
        running.countDown();
        release.await(10, TimeUnit.SECONDS);
        return "done";
      })));
    }
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    return inFlight;
  }

  @Test
  void theBulkheadRefusesCallsBeyondMaxConcurrentWithoutRunningThem() throws Exception {
    // The two held calls must outlive the third however slow the machine: a long timeout here.
    registry.close();
    registry = registry(SETTINGS.withTimeout(Duration.ofSeconds(30)));
    CallGuard guard = registry.guard("ollama", BreakerKind.PROVIDER);
    CountDownLatch release = new CountDownLatch(1);
    List<Future<String>> inFlight = fillBulkhead(guard, release);

    ScriptedCall third = ScriptedCall.of("third");
    GuardedCallException refused =
        catchThrowableOfType(GuardedCallException.class, () -> guard.call(third));

    assertThat(refused.kind()).isEqualTo(GuardedCallException.Kind.BULKHEAD_FULL);
    assertThat(refused.errorClass()).isEqualTo(ErrorClass.OVERLOADED);
    assertThat(third.invocations()).isZero();
    assertThat(guard.status().callsInWindow()).isZero(); // a local refusal is not the service's fault
    release.countDown();
    for (Future<String> f : inFlight) {
      assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo("done");
    }
    assertThat(guard.call(third)).isEqualTo("third");
  }

  @Test
  void aCallBeyondTheBulkheadWaitsForAFreeSlotWithinItsQueueWait() throws Exception {
    registry.close();
    registry = registry(SETTINGS.withTimeout(Duration.ofSeconds(30)).withQueueWait(Duration.ofSeconds(30)));
    CallGuard guard = registry.guard("openai", BreakerKind.PROVIDER);
    CountDownLatch release = new CountDownLatch(1);
    List<Future<String>> inFlight = fillBulkhead(guard, release);
    ExecutorService third = Executors.newSingleThreadExecutor();
    try {
      Future<String> queued = third.submit(() -> guard.call(() -> "third"));
      Thread.sleep(100);
      assertThat(queued).isNotDone();
      release.countDown();
      assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo("third");
    } finally {
      third.shutdownNow();
    }
    for (Future<String> f : inFlight) {
      assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo("done");
    }
  }

  @Test
  void anAttemptPastItsDeadlineIsInterruptedAndClassifiedTimeout() {
    CallGuard guard = registry.guard("anthropic", BreakerKind.PROVIDER);
    List<CallGuard.Attempt> attempts = new CopyOnWriteArrayList<>();

    GuardedCallException e = catchThrowableOfType(GuardedCallException.class,
        () -> guard.call(attempt -> {
          attempts.add(attempt);
          Thread.sleep(10_000); // a hung request that honours interrupts, as java.net.http does
          return "late";
        }));

    assertThat(e.kind()).isEqualTo(GuardedCallException.Kind.FAILED);
    assertThat(e.errorClass()).isEqualTo(ErrorClass.TIMEOUT);
    assertThat(e.lastMessage()).isEqualTo("no answer within 50 ms");
    assertThat(attempts).singleElement().satisfies(a -> {
      assertThat(a.number()).isEqualTo(1);
      assertThat(a.timeout()).isEqualTo(TIMEOUT);
      assertThat(a.deadline()).isEqualTo(clock.instant().plus(TIMEOUT));
    });
    assertThat(Thread.currentThread().isInterrupted()).isFalse(); // the guard's interrupt does not leak
    assertThat(guard.status().consecutiveFailures()).isEqualTo(1);
  }

  @Test
  void aTimedOutAttemptIsRetried() throws Exception {
    registry.close();
    registry = registry(SETTINGS.withRetry(RetrySettings.ofDefaults()));
    CallGuard guard = registry.guard("anthropic", BreakerKind.PROVIDER);
    AtomicInteger calls = new AtomicInteger();

    String result = guard.call(attempt -> {
      if (calls.incrementAndGet() == 1) {
        Thread.sleep(10_000);
      }
      return "answer on attempt " + attempt.number();
    });

    assertThat(result).isEqualTo("answer on attempt 2");
    assertThat(retries).singleElement().extracting(RetryAttempt::errorClass)
        .isEqualTo(ErrorClass.TIMEOUT);
  }

  @Test
  void aFastCallIsNotDisturbedByItsDeadlineLater() throws Exception {
    CallGuard guard = registry.guard("anthropic", BreakerKind.PROVIDER);

    assertThat(guard.call(() -> "quick")).isEqualTo("quick");
    Thread.sleep(TIMEOUT.toMillis() * 2); // real wait: would catch a stray interrupt from the watchdog

    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void anInterruptFromOutsideIsNeitherRetriedNorCounted() {
    registry.close();
    registry = registry(SETTINGS.withRetry(RetrySettings.ofDefaults()).withTimeout(Duration.ofSeconds(30)));
    CallGuard guard = registry.guard("anthropic", BreakerKind.PROVIDER);

    GuardedCallException e = catchThrowableOfType(GuardedCallException.class, () -> guard.call(() -> {
      throw new InterruptedException("task cancelled");
    }));

    assertThat(Thread.interrupted()).isTrue(); // restored for the caller; cleared here
    assertThat(e.kind()).isEqualTo(GuardedCallException.Kind.INTERRUPTED);
    assertThat(retries).isEmpty();
    assertThat(guard.status().callsInWindow()).isZero();
  }
}
