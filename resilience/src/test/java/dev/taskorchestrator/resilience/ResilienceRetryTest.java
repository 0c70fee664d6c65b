package dev.taskorchestrator.resilience;

import static dev.taskorchestrator.resilience.ScriptedCall.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskorchestrator.storage.testing.MutableClock;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResilienceRetryTest {

  private static final double SCALE = 0.001;
  /** A breaker that stays out of the way of retry tests. */
  private static final BreakerSettings LENIENT_BREAKER =
      new BreakerSettings(100, 100, 100, 100, java.time.Duration.ofSeconds(30), 1, 2);

  private final MutableClock clock = MutableClock.atEpochPlusDays(0);
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final List<RetryAttempt> retries = new CopyOnWriteArrayList<>();
  private ResilienceRegistry registry;

  private CallGuard guard(ResilienceSettings settings, double jitterRandom) {
    registry = ResilienceRegistry.builder().settings(settings).clock(clock).timeScale(SCALE)
        .sleeper(sleeper).jitterRandom(() -> jitterRandom).build();
    registry.onRetry(retries::add);
    return registry.guard("openai", BreakerKind.PROVIDER);
  }

  private CallGuard guard(ResilienceSettings settings) {
    registry = ResilienceRegistry.builder().settings(settings).clock(clock).timeScale(SCALE)
        .sleeper(sleeper).build();
    registry.onRetry(retries::add);
    return registry.guard("openai", BreakerKind.PROVIDER);
  }

  @AfterEach
  void close() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void serverFailuresTwiceThenSuccessRetriesExactlyTwiceAtTheScheduledDelays() throws Exception {
    CallGuard guard = guard(ResilienceSettings.ofDefaults());
    ScriptedCall call = ScriptedCall.of(fail(ErrorClass.SERVER), fail(ErrorClass.SERVER), "answer");

    assertThat(guard.call(call)).isEqualTo("answer");

    assertThat(call.invocations()).isEqualTo(3);
    assertThat(retries).extracting(RetryAttempt::attempt).containsExactly(1, 2);
    assertThat(retries).extracting(RetryAttempt::errorClass)
        .containsExactly(ErrorClass.SERVER, ErrorClass.SERVER);
    assertThat(retries.get(0).delay()).isBetween(Duration.ofMillis(1800), Duration.ofMillis(2200));
    assertThat(retries.get(1).delay()).isBetween(Duration.ofMillis(3600), Duration.ofMillis(4400));
    // the real waits are the scheduled delays scaled, and the callee really was called that late
    for (int i = 0; i < 2; i++) {
      Duration scaled = Duration.ofNanos(Math.round(retries.get(i).delay().toNanos() * SCALE));
      assertThat(sleeper.waits.get(i)).isEqualTo(scaled);
      assertThat(call.gapBefore(i + 1)).isGreaterThanOrEqualTo(scaled);
    }
  }

  @Test
  void backoffDoublesFromTwoSecondsWithoutJitterAtTheMidpoint() {
    CallGuard guard = guard(ResilienceSettings.ofDefaults().withBreaker(LENIENT_BREAKER), 0.5);
    ScriptedCall call = ScriptedCall.of().thenAlways(fail(ErrorClass.SERVER));

    GuardedCallException e = catchThrowableOfType(GuardedCallException.class, () -> guard.call(call));

    assertThat(retries).extracting(RetryAttempt::delay)
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
    assertThat(sleeper.waits)
        .containsExactly(Duration.ofMillis(2), Duration.ofMillis(4), Duration.ofMillis(8));
    assertThat(e.kind()).isEqualTo(GuardedCallException.Kind.FAILED);
    assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER);
    assertThat(e.attempts()).isEqualTo(4);
    assertThat(call.invocations()).isEqualTo(4);
  }

  @Test
  void jitterStaysWithinTenPercentAtBothExtremes() throws Exception {
    CallGuard low = guard(ResilienceSettings.ofDefaults(), 0.0);
    low.call(ScriptedCall.of(fail(ErrorClass.NETWORK), "ok"));
    CallGuard high = guard(ResilienceSettings.ofDefaults(), 0.999_999);
    high.call(ScriptedCall.of(fail(ErrorClass.NETWORK), "ok"));

    assertThat(retries.get(0).delay()).isEqualTo(Duration.ofMillis(1800));
    assertThat(retries.get(1).delay())
        .isGreaterThan(Duration.ofMillis(2199)).isLessThanOrEqualTo(Duration.ofMillis(2200));
  }

  @Test
  void waitsNeverExceedTheCap() {
    RetrySettings retry = new RetrySettings(6, Duration.ofSeconds(2), 2.0, 0.1, Duration.ofSeconds(10));
    CallGuard guard = guard(ResilienceSettings.ofDefaults().withRetry(retry).withBreaker(LENIENT_BREAKER), 0.999);

    catchThrowableOfType(GuardedCallException.class,
        () -> guard.call(ScriptedCall.of().thenAlways(fail(ErrorClass.OVERLOADED))));

    assertThat(retries).hasSize(6);
    assertThat(retries).extracting(RetryAttempt::delay)
        .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(10)));
    assertThat(retries.subList(3, 6)).extracting(RetryAttempt::delay)
        .containsOnly(Duration.ofSeconds(10));
  }

  @Test
  void rateLimitWithRetryAfterWaitsAtLeastThatLong() throws Exception {
    CallGuard guard = guard(ResilienceSettings.ofDefaults(), 0.5);
    ScriptedCall call = ScriptedCall.of(fail(ErrorClass.RATE_LIMIT, Duration.ofSeconds(3)), "ok");

    assertThat(guard.call(call)).isEqualTo("ok");

    assertThat(retries).singleElement().satisfies(r -> {
      assertThat(r.errorClass()).isEqualTo(ErrorClass.RATE_LIMIT);
      assertThat(r.retryAfter()).contains(Duration.ofSeconds(3));
      assertThat(r.delay()).isEqualTo(Duration.ofSeconds(3));
    });
    assertThat(sleeper.waits).containsExactly(Duration.ofMillis(3));
    assertThat(call.gapBefore(1)).isGreaterThanOrEqualTo(Duration.ofMillis(3));
  }

  @Test
  void shortRetryAfterDoesNotShortenTheBackoff() throws Exception {
    CallGuard guard = guard(ResilienceSettings.ofDefaults(), 0.5);

    guard.call(ScriptedCall.of(fail(ErrorClass.RATE_LIMIT, Duration.ofMillis(500)), "ok"));

    assertThat(retries).extracting(RetryAttempt::delay).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void retryAfterBeyondTheCapEndsRetryingAtOnceSoTheCallerCanFallBack() {
    CallGuard guard = guard(ResilienceSettings.ofDefaults());
    ScriptedCall call = ScriptedCall.of(fail(ErrorClass.RATE_LIMIT, Duration.ofSeconds(120)), "ok");

    GuardedCallException e = catchThrowableOfType(GuardedCallException.class, () -> guard.call(call));

    assertThat(call.invocations()).isEqualTo(1);
    assertThat(retries).isEmpty();
    assertThat(e.errorClass()).isEqualTo(ErrorClass.RATE_LIMIT);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
    assertThat(e.attempts()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(value = ErrorClass.class, names = {"AUTH", "INVALID_REQUEST", "CONTENT"})
  void nonRetryableClassesAreNeitherRetriedNorCountedAgainstTheBreaker(ErrorClass errorClass) {
    CallGuard guard = guard(ResilienceSettings.ofDefaults());
    ScriptedCall call = ScriptedCall.of().thenAlways(fail(errorClass));

    for (int i = 0; i < 5; i++) {
      GuardedCallException e = catchThrowableOfType(GuardedCallException.class, () -> guard.call(call));
      assertThat(e.errorClass()).isEqualTo(errorClass);
      assertThat(e.attempts()).isEqualTo(1);
    }

    assertThat(call.invocations()).isEqualTo(5);
    assertThat(retries).isEmpty();
    assertThat(guard.status().state()).isEqualTo(BreakerState.CLOSED);
    assertThat(guard.status().callsInWindow()).isZero();
  }

  @Test
  void plainExceptionsAreClassifiedByType() {
    CallGuard guard = guard(ResilienceSettings.ofDefaults().withRetry(RetrySettings.none())
        .withBreaker(LENIENT_BREAKER));

    assertThat(errorClassOf(guard, new ConnectException("Connection refused"))).isEqualTo(ErrorClass.NETWORK);
    assertThat(errorClassOf(guard, new IOException("reset"))).isEqualTo(ErrorClass.NETWORK);
    assertThat(errorClassOf(guard, new HttpTimeoutException("request timed out"))).isEqualTo(ErrorClass.TIMEOUT);
    assertThat(errorClassOf(guard, new TimeoutException())).isEqualTo(ErrorClass.TIMEOUT);
    assertThat(errorClassOf(guard, new java.util.concurrent.ExecutionException(new IOException("x"))))
        .isEqualTo(ErrorClass.NETWORK);
    assertThat(errorClassOf(guard, new IllegalStateException("bad JSON"))).isEqualTo(ErrorClass.SERVER);
  }

  private static ErrorClass errorClassOf(CallGuard guard, Exception thrown) {
    return catchThrowableOfType(GuardedCallException.class,
        () -> guard.call(ScriptedCall.of(thrown))).errorClass();
  }

  @Test
  void passThroughExceptionsPropagateUnchangedAndUncounted() {
    registry = ResilienceRegistry.builder().clock(clock).timeScale(SCALE).sleeper(sleeper)
        .passThrough(t -> t instanceof IllegalArgumentException).build();
    registry.onRetry(retries::add);
    CallGuard guard = registry.guard("openai", BreakerKind.PROVIDER);
    IllegalArgumentException refusal = new IllegalArgumentException("budget exceeded");

    assertThatThrownBy(() -> guard.call(ScriptedCall.of(refusal))).isSameAs(refusal);
    assertThat(retries).isEmpty();
    assertThat(guard.status().callsInWindow()).isZero();
  }

  @Test
  void interruptDuringTheRetryWaitStopsRetryingAndKeepsTheInterrupt() {
    registry = ResilienceRegistry.builder().clock(clock).sleeper(wait -> {
      throw new InterruptedException("cancelled");
    }).build();
    CallGuard guard = registry.guard("openai", BreakerKind.PROVIDER);
    ScriptedCall call = ScriptedCall.of().thenAlways(fail(ErrorClass.SERVER));

    GuardedCallException e = catchThrowableOfType(GuardedCallException.class, () -> guard.call(call));

    assertThat(Thread.interrupted()).isTrue(); // also clears it for the next test
    assertThat(e.kind()).isEqualTo(GuardedCallException.Kind.INTERRUPTED);
    assertThat(call.invocations()).isEqualTo(1);
  }

  @Test
  void aFailingListenerDoesNotBreakTheCall() throws Exception {
    CallGuard guard = guard(ResilienceSettings.ofDefaults());
    registry.onRetry(r -> {
      throw new IllegalStateException("listener bug");
    });

    assertThat(guard.call(ScriptedCall.of(fail(ErrorClass.SERVER), "ok"))).isEqualTo("ok");
    assertThat(retries).hasSize(1);
  }
}
