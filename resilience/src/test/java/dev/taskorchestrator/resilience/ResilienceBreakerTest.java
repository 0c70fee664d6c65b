package dev.taskorchestrator.resilience;

import static dev.taskorchestrator.resilience.ScriptedCall.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskorchestrator.storage.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResilienceBreakerTest {

  private static final Duration PAST_OPEN_INTERVAL = Duration.ofSeconds(30).plusMillis(1);
  private static final ResilienceSettings NO_RETRY =
      ResilienceSettings.ofDefaults().withRetry(RetrySettings.none());

  private final MutableClock clock = MutableClock.atEpochPlusDays(1);
  private final List<BreakerTransition> transitions = new CopyOnWriteArrayList<>();
  private final List<RetryAttempt> retries = new CopyOnWriteArrayList<>();
  private ResilienceRegistry registry = registry(NO_RETRY);

  private ResilienceRegistry registry(ResilienceSettings settings) {
    // the sleeper moves the test clock instead of sleeping: the 2/4/8 s schedule takes no real time
    ResilienceRegistry r = ResilienceRegistry.builder().settings(settings).clock(clock)
        .sleeper(clock::advance).build();
    r.onTransition(transitions::add);
    r.onRetry(retries::add);
    return r;
  }

  @AfterEach
  void close() {
    registry.close();
  }

  private static GuardedCallException failure(CallGuard guard, ScriptedCall call) {
    return catchThrowableOfType(GuardedCallException.class, () -> guard.call(call));
  }

  private CallGuard openedProvider(String name) {
    CallGuard guard = registry.guard(name, BreakerKind.PROVIDER);
    ScriptedCall failing = ScriptedCall.of().thenAlways(fail(ErrorClass.SERVER));
    for (int i = 0; i < 3; i++) {
      failure(guard, failing);
    }
    assertThat(guard.status().state()).isEqualTo(BreakerState.OPEN);
    return guard;
  }

  @Test
  void threeFailedCallsOpenTheBreakerWhichThenRejectsWithoutCalling() {
    CallGuard guard = registry.guard("openai", BreakerKind.PROVIDER);
    ScriptedCall call = ScriptedCall.of().thenAlways(fail(ErrorClass.SERVER));
    Instant openedAt = clock.instant();

    for (int i = 0; i < 2; i++) {
      assertThat(failure(guard, call).kind()).isEqualTo(GuardedCallException.Kind.FAILED);
      assertThat(guard.status().state()).isEqualTo(BreakerState.CLOSED);
    }
    assertThat(failure(guard, call).kind()).isEqualTo(GuardedCallException.Kind.FAILED);
    assertThat(guard.admits()).isFalse();

    GuardedCallException rejected = failure(guard, call);
    assertThat(rejected.circuitOpen()).isTrue();
    assertThat(rejected.attempts()).isZero();
    assertThat(rejected.errorClass()).isEqualTo(ErrorClass.SERVER);
    assertThat(rejected.retryAfter()).contains(Duration.ofSeconds(30));
    assertThat(call.invocations()).isEqualTo(3);
    assertThat(transitions).singleElement().satisfies(t -> {
      assertThat(t.from()).isEqualTo(BreakerState.CLOSED);
      assertThat(t.to()).isEqualTo(BreakerState.OPEN);
      assertThat(t.lastErrorClass()).contains(ErrorClass.SERVER);
      assertThat(t.nextHalfOpen()).contains(openedAt.plusSeconds(30));
    });
  }

  @Test
  void retryingStopsAsSoonAsItsOwnFailuresOpenTheBreaker() {
    registry.close();
    registry = registry(ResilienceSettings.ofDefaults());
    CallGuard guard = registry.guard("openai", BreakerKind.PROVIDER);
    ScriptedCall call = ScriptedCall.of().thenAlways(fail(ErrorClass.OVERLOADED));

    GuardedCallException e = failure(guard, call);

    assertThat(call.invocations()).isEqualTo(3);
    assertThat(retries).hasSize(2);
    assertThat(e.circuitOpen()).isTrue();
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e.errorClass()).isEqualTo(ErrorClass.OVERLOADED);
  }

  @Test
  void retryNeverRetriesAnOpenCircuitRejection() {
    registry.close();
    registry = registry(ResilienceSettings.ofDefaults());
    CallGuard guard = openedProvider("openai");
    retries.clear();
    ScriptedCall call = ScriptedCall.of("never");

    GuardedCallException e = failure(guard, call);

    assertThat(e.circuitOpen()).isTrue();
    assertThat(e.retryable()).isFalse();
    assertThat(call.invocations()).isZero();
    assertThat(retries).isEmpty();
  }

  @Test
  void afterTheOpenIntervalOneProbeIsAdmittedAndTwoSuccessesClose() throws Exception {
    CallGuard guard = openedProvider("openai");
    clock.advance(Duration.ofSeconds(30));
    assertThat(guard.admits()).isFalse(); // the interval is not over at exactly 30 s
    clock.advance(Duration.ofMillis(1));
    assertThat(guard.admits()).isTrue();

    CountDownLatch probeRunning = new CountDownLatch(1);
    CountDownLatch releaseProbe = new CountDownLatch(1);
    CompletableFuture<String> probe = CompletableFuture.supplyAsync(() -> {
      try {
        return guard.call(() -> {
          probeRunning.countDown();
          releaseProbe.await(10, TimeUnit.SECONDS);
          return "probe ok";
        });
      } catch (GuardedCallException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(probeRunning.await(10, TimeUnit.SECONDS)).isTrue();
    ScriptedCall concurrent = ScriptedCall.of("second");
    GuardedCallException rejected = failure(guard, concurrent);
    assertThat(rejected.circuitOpen()).isTrue();
    assertThat(concurrent.invocations()).isZero();
    assertThat(guard.status().state()).isEqualTo(BreakerState.HALF_OPEN);

    releaseProbe.countDown();
    assertThat(probe.get(10, TimeUnit.SECONDS)).isEqualTo("probe ok");
    assertThat(guard.status().state()).isEqualTo(BreakerState.HALF_OPEN);
    assertThat(guard.call(ScriptedCall.of("again"))).isEqualTo("again");

    assertThat(guard.status().state()).isEqualTo(BreakerState.CLOSED);
    assertThat(transitions).extracting(BreakerTransition::to)
        .containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED);
    assertThat(guard.status().consecutiveFailures()).isZero();
  }

  @Test
  void racingCallersAtTheEndOfTheOpenIntervalGetExactlyOneProbe() throws Exception {
    CallGuard guard = openedProvider("openai");
    clock.advance(PAST_OPEN_INTERVAL);
    int callers = 8;
    CyclicBarrier start = new CyclicBarrier(callers);
    AtomicInteger invoked = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        done.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          return guard.call(() -> {
            invoked.incrementAndGet();
            Thread.sleep(50);
            throw fail(ErrorClass.SERVER);
          });
        }));
      }
      for (Future<?> f : done) {
        assertThat(catchThrowableOfType(ExecutionException.class,
            () -> f.get(10, TimeUnit.SECONDS))).hasCauseInstanceOf(GuardedCallException.class);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(invoked.get()).isEqualTo(1);
    assertThat(guard.status().state()).isEqualTo(BreakerState.OPEN);
  }

  @Test
  void aFailedProbeOpensTheBreakerAgainForAFullInterval() {
    CallGuard guard = openedProvider("openai");
    clock.advance(PAST_OPEN_INTERVAL);
    Instant probeAt = clock.instant();

    failure(guard, ScriptedCall.of(fail(ErrorClass.NETWORK)));

    BreakerStatus status = guard.status();
    assertThat(status.state()).isEqualTo(BreakerState.OPEN);
    assertThat(status.nextHalfOpen()).contains(probeAt.plusSeconds(30));
    assertThat(status.lastErrorClass()).contains(ErrorClass.NETWORK);
    assertThat(transitions).extracting(BreakerTransition::to)
        .containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.OPEN);
    assertThat(failure(guard, ScriptedCall.of("x")).circuitOpen()).isTrue();
  }

  @Test
  void halfOfTheLastTenCallsFailingOpensOnceFiveWereMade() throws Exception {
    CallGuard guard = registry.guard("anthropic", BreakerKind.PROVIDER);
    // alternating outcomes never make three failures in a row
    guard.call(ScriptedCall.of("ok"));
    failure(guard, ScriptedCall.of(fail(ErrorClass.SERVER)));
    guard.call(ScriptedCall.of("ok"));
    failure(guard, ScriptedCall.of(fail(ErrorClass.SERVER)));
    assertThat(guard.status().state()).isEqualTo(BreakerState.CLOSED); // 50 % but only 4 calls
    guard.call(ScriptedCall.of("ok"));
    assertThat(guard.status().state()).isEqualTo(BreakerState.CLOSED); // 40 % of 5

    failure(guard, ScriptedCall.of(fail(ErrorClass.SERVER)));

    BreakerStatus status = guard.status();
    assertThat(status.state()).isEqualTo(BreakerState.OPEN);
    assertThat(status.callsInWindow()).isEqualTo(6);
    assertThat(status.failedCallsInWindow()).isEqualTo(3);
    assertThat(status.failureRate()).isEqualTo(0.5);
    assertThat(status.consecutiveFailures()).isEqualTo(1);
  }

  @Test
  void qualityFailuresReportedAfterSuccessfulCallsOpenTheBreaker() throws Exception {
    CallGuard guard = registry.guard("openai", BreakerKind.PROVIDER);
    for (int i = 0; i < 3; i++) {
      guard.call(ScriptedCall.of(""));
      guard.reportQualityFailure("empty output");
    }

    BreakerStatus status = guard.status();
    assertThat(status.state()).isEqualTo(BreakerState.OPEN);
    assertThat(status.lastErrorClass()).contains(ErrorClass.CONTENT);
    assertThat(status.lastMessage()).contains("empty output");
  }

  @Test
  void qualityFailureThrownInsideTheCallCountsButIsNotRetried() {
    registry.close();
    registry = registry(ResilienceSettings.ofDefaults());
    CallGuard guard = registry.guard("openai", BreakerKind.PROVIDER);
    ScriptedCall call = ScriptedCall.of().thenAlways(new QualityFailure("output fails its schema"));

    for (int i = 0; i < 3; i++) {
      assertThat(failure(guard, call).errorClass()).isEqualTo(ErrorClass.CONTENT);
    }

    assertThat(call.invocations()).isEqualTo(3);
    assertThat(retries).isEmpty();
    assertThat(guard.status().state()).isEqualTo(BreakerState.OPEN);
  }

  @Test
  void aToolBreakerOpeningLeavesTheOtherToolsOfItsServerAlone() throws Exception {
    CallGuard search = registry.guard("github.search_code", BreakerKind.TOOL);
    CallGuard read = registry.guard("github.read_file", BreakerKind.TOOL);
    registry.guard("gitlab.search", BreakerKind.TOOL);
    ScriptedCall failing = ScriptedCall.of().thenAlways(fail(ErrorClass.TIMEOUT));
    for (int i = 0; i < 3; i++) {
      failure(search, failing);
    }

    assertThat(search.status().state()).isEqualTo(BreakerState.OPEN);
    assertThat(read.call(ScriptedCall.of("file"))).isEqualTo("file");
    assertThat(read.status().state()).isEqualTo(BreakerState.CLOSED);
    assertThat(registry.snapshot("github")).extracting(BreakerStatus::name)
        .containsExactly("github.read_file", "github.search_code");
    assertThat(registry.snapshot("github.search_code")).extracting(BreakerStatus::state)
        .containsExactly(BreakerState.OPEN);
    assertThat(registry.snapshot()).hasSize(3);
  }

  @Test
  void admissionListsAdmittingNamesOrTheEarliestHalfOpen() {
    openedProvider("anthropic");
    clock.advance(Duration.ofSeconds(10));
    openedProvider("openai");

    BreakerAdmission some = registry.admitting(List.of("anthropic", "openai", "ollama"));
    assertThat(some.admitted()).containsExactly("ollama");
    assertThat(some.earliestHalfOpen()).isEmpty();

    BreakerAdmission none = registry.admitting(List.of("openai", "anthropic"));
    assertThat(none.anyAdmitted()).isFalse();
    assertThat(none.earliestHalfOpen()).contains(clock.instant().plusSeconds(20));
    assertThat(none.retryAfterSeconds(clock.instant())).contains(20L);

    clock.advance(Duration.ofSeconds(20).plusMillis(1));
    assertThat(registry.admitting(List.of("openai", "anthropic")).first()).contains("anthropic");
  }

  @Test
  void snapshotShowsRateCountsAndTheRedactedLastError() throws Exception {
    CallGuard guard = registry.guard("openai", BreakerKind.PROVIDER);
    guard.call(ScriptedCall.of("ok"));
    failure(guard, ScriptedCall.of(new ScriptedCall.Failure(ErrorClass.SERVER, null,
        "HTTP 503 for Authorization: Bearer sk-proj-abcdefghijklmnop")));

    BreakerStatus status = registry.snapshot().getFirst();
    assertThat(status.name()).isEqualTo("openai");
    assertThat(status.kind()).isEqualTo(BreakerKind.PROVIDER);
    assertThat(status.state()).isEqualTo(BreakerState.CLOSED);
    assertThat(status.callsInWindow()).isEqualTo(2);
    assertThat(status.failureRate()).isEqualTo(0.5);
    assertThat(status.consecutiveFailures()).isEqualTo(1);
    assertThat(status.lastErrorClass()).contains(ErrorClass.SERVER);
    assertThat(status.lastMessage()).get().asString()
        .startsWith("HTTP 503").doesNotContain("abcdefghijklmnop");
    assertThat(status.nextHalfOpen()).isEmpty();
  }

  @Test
  void aNameKeepsItsKind() {
    registry.guard("search", BreakerKind.TOOL);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> registry.guard("search", BreakerKind.PROVIDER));
  }
}
