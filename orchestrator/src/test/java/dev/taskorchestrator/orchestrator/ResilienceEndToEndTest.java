package dev.taskorchestrator.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.resilience.BreakerSettings;
import dev.taskorchestrator.resilience.BreakerState;
import dev.taskorchestrator.resilience.BreakerStatus;
import dev.taskorchestrator.resilience.ErrorClass;
import dev.taskorchestrator.resilience.ResilienceSettings;
import dev.taskorchestrator.resilience.RetryAttempt;
import dev.taskorchestrator.resilience.RetrySettings;
import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import dev.taskorchestrator.budget.Money;
import dev.taskorchestrator.budget.ReportQuery;
import dev.taskorchestrator.budget.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 through the router against fake HTTP providers on loopback: retries at the scheduled (scaled)
 * delays, Retry-After honoured, no retry on a refused key, breakers opening, cutting a provider off,
 * probing and closing on the test clock, the all-open refusal before any reservation, and an open breaker
 * surviving a restart.
 */
class ResilienceEndToEndTest {

  @TempDir Path dir;
  final FakeOpenAiServer a = FakeOpenAiServer.start();
  final FakeOpenAiServer b = FakeOpenAiServer.start();
  RouterPipeline pipeline;

  @AfterEach
  void close() {
    pipeline.close();
    a.close();
    b.close();
  }

  /** Two providers, a then b, both priced; the waits scaled by {@code timeScale}. */
  RouterPipeline.Setup twoProviders() {
    return RouterPipeline.in(dir).providers(Pipeline.openAi("a", a.baseUrl(), "GOOD_KEY").withModels(List.of("gpt-4o")),
        Pipeline.openAi("b", b.baseUrl(), "GOOD_KEY").withModels(List.of("gpt-4o-mini")));
  }

  /** No retries (each spawn's failure is one failed call), 30 s open interval on the test clock, unscaled. */
  static ResilienceSettings noRetries() {
    ResilienceSettings d = ResilienceSettings.ofDefaults();
    return d.withRetry(new RetrySettings(0, Duration.ofSeconds(2), 2, 0, Duration.ofSeconds(60)))
        .withBreaker(BreakerSettings.ofDefaults());
  }

  BreakerStatus breaker(String name) {
    return pipeline.breakers.snapshot().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  static FakeOpenAiServer.Call call(String id) {
    return new FakeOpenAiServer.Call(id, "x", "{}");
  }

  @Test
  void twoServiceUnavailableAnswersAreRetriedAtTheScheduledDelaysThenSucceed() {
    pipeline = twoProviders().open();
    a.enqueue(FakeOpenAiServer.error(503, "server_error", "overloaded", null),
        FakeOpenAiServer.error(503, "server_error", "overloaded", null), FakeOpenAiServer.text("third time", 10, 3, 0));

    long start = System.nanoTime();
    SpawnResult r = pipeline.spawn("researcher");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(r.task().status()).isEqualTo("completed");
    assertThat(r.task().provider()).isEqualTo("a");
    assertThat(a.requests()).hasSize(3);
    assertThat(b.requests()).isEmpty();
    assertThat(pipeline.retries).extracting(RetryAttempt::attempt).containsExactly(1, 2);
    assertThat(pipeline.retries).extracting(RetryAttempt::delay)
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(pipeline.retries).extracting(RetryAttempt::errorClass).containsOnly(ErrorClass.SERVER);
    assertThat(pipeline.slept).containsExactly(Duration.ofMillis(2), Duration.ofMillis(4));
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(6));
    assertThat(breaker("a").state()).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void aRateLimitWithRetryAfterWaitsAtLeastThatLongBeforeTheNextAttempt() {
    pipeline = twoProviders().open();
    a.enqueue(FakeOpenAiServer.error(429, "requests", "Rate limit reached", "rate_limit_exceeded")
        .withHeader("Retry-After", "3"), FakeOpenAiServer.text("after the wait", 10, 3, 0));

    SpawnResult r = pipeline.spawn("researcher");

    assertThat(r.task().provider()).isEqualTo("a");
    assertThat(a.requests()).hasSize(2);
    assertThat(pipeline.retries).singleElement().satisfies(retry -> {
      assertThat(retry.errorClass()).isEqualTo(ErrorClass.RATE_LIMIT);
      assertThat(retry.delay()).isEqualTo(Duration.ofSeconds(3)); // not the 2 s back-off
    });
    assertThat(pipeline.slept).containsExactly(Duration.ofMillis(3));
  }

  @Test
  void aRefusedKeyIsNotRetriedAndTheFallbackProviderAnswers() {
    pipeline = RouterPipeline.in(dir).providers(Pipeline.openAi("a", a.baseUrl(), "BAD_KEY").withModels(List.of("gpt-4o")),
        Pipeline.openAi("b", b.baseUrl(), "GOOD_KEY").withModels(List.of("gpt-4o-mini"))).open();
    a.enqueue(FakeOpenAiServer.error(401, "invalid_request_error", "Incorrect API key provided: sk-bad",
        "invalid_api_key"));
    b.enqueue(FakeOpenAiServer.text("from b", 10, 3, 0));

    SpawnResult r = pipeline.spawn("researcher");

    assertThat(r.task().provider()).isEqualTo("b");
    assertThat(a.requests()).hasSize(1);
    assertThat(pipeline.retries).isEmpty();
    assertThat(Pipeline.passedOver(r)).singleElement().satisfies(p -> {
      assertThat(p).containsEntry("provider", "a").containsEntry("error_class", "auth");
      assertThat((String) p.get("message")).contains("key").contains("refused").doesNotContain("sk-bad");
    });
  }

  @Test
  void threeFailedCallsOpenTheBreakerTheFallbackServesUntilOneProbeAndTwoSuccessesCloseIt() {
    pipeline = twoProviders().resilience(noRetries()).timeScale(1).open();
    for (int i = 0; i < 3; i++) {
      a.enqueue(FakeOpenAiServer.error(500, "server_error", "boom " + i, null));
      b.enqueue(FakeOpenAiServer.text("b " + i, 10, 3, 0));
      assertThat(pipeline.spawn("researcher").task().provider()).isEqualTo("b");
    }
    Instant opened = pipeline.clock.instant();
    assertThat(breaker("a").state()).isEqualTo(BreakerState.OPEN);
    assertThat(breaker("a").nextHalfOpen()).contains(opened.plusSeconds(30));

    b.enqueue(FakeOpenAiServer.text("b while a is cut off", 10, 3, 0));
    SpawnResult cutOff = pipeline.spawn("researcher");
    assertThat(cutOff.task().provider()).isEqualTo("b");
    assertThat(a.requests()).hasSize(3); // not touched

    pipeline.clock.advance(Duration.ofSeconds(30).plusMillis(1)); // the interval is over
    a.enqueue(FakeOpenAiServer.text("probe ok", 10, 3, 0), FakeOpenAiServer.text("second ok", 10, 3, 0));
    SpawnResult probe = pipeline.spawn("researcher");
    assertThat(probe.task().provider()).isEqualTo("a");
    assertThat(a.requests()).hasSize(4);
    assertThat(breaker("a").state()).isEqualTo(BreakerState.HALF_OPEN);

    assertThat(pipeline.spawn("researcher").task().provider()).isEqualTo("a");
    assertThat(breaker("a").state()).isEqualTo(BreakerState.CLOSED);
    assertThat(pipeline.transitions).filteredOn(t -> t.name().equals("a")).extracting(t -> t.to())
        .containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED);
  }

  @Test
  void whenEveryProviderIsOpenTheSpawnIsRefusedWithRetryAfterAndNothingIsReserved() {
    pipeline = twoProviders().resilience(noRetries()).timeScale(1).open();
    openBoth();
    pipeline.clock.advance(Duration.ofSeconds(10));
    int reservesBefore = pipeline.reservations.reserves.get();
    Money spentBefore = pipeline.budget.state(Scope.DAY, null).spent();

    SpawnResult r = pipeline.spawn("researcher");

    assertThat(r.refused()).isTrue();
    assertThat(r.refusal().code()).isEqualTo("circuit_open");
    assertThat(r.refusal().details()).containsEntry("retry_after_seconds", 20L);
    assertThat(r.refusal().message()).contains("a, b").contains("20 s");
    assertThat(pipeline.reservations.reserves.get()).isEqualTo(reservesBefore);
    assertThat(pipeline.budget.state(Scope.DAY, null).reserved()).isEqualTo(Money.ZERO);
    assertThat(pipeline.budget.state(Scope.DAY, null).spent()).isEqualTo(spentBefore).isEqualTo(Money.ZERO);
    assertThat(pipeline.budget.state(Scope.TASK, r.task().id()).reserved()).isEqualTo(Money.ZERO);
    assertThat(pipeline.budget.report(new ReportQuery(new ReportQuery.Period.All(), ReportQuery.GroupBy.MODEL, 10))
        .calls()).isZero();
    assertThat(a.requests()).hasSize(3);
    assertThat(b.requests()).hasSize(3);
  }

  @Test
  void anOpenBreakerStaysOpenAcrossARestartForTheRestOfItsWait() {
    pipeline = twoProviders().resilience(noRetries()).timeScale(1).open();
    openBoth();
    Instant opened = pipeline.clock.instant();
    pipeline.clock.advance(Duration.ofSeconds(10));

    pipeline = pipeline.restart();

    assertThat(breaker("a").state()).isEqualTo(BreakerState.OPEN);
    assertThat(breaker("a").nextHalfOpen()).isEqualTo(Optional.of(opened.plusSeconds(30)));
    SpawnResult refused = pipeline.spawn("researcher");
    assertThat(refused.refusal().code()).isEqualTo("circuit_open");
    assertThat(refused.refusal().details()).containsEntry("retry_after_seconds", 20L);

    pipeline.clock.advance(Duration.ofSeconds(20).plusMillis(1));
    a.enqueue(FakeOpenAiServer.text("probe after restart", 10, 3, 0));
    SpawnResult probe = pipeline.spawn("researcher");
    assertThat(probe.task().status()).isEqualTo("completed");
    assertThat(probe.task().provider()).isEqualTo("a");
  }

  @Test
  void atTheVeryEndOfTheWaitARefusalNeverSaysRetryInZeroSeconds() {
    pipeline = twoProviders().resilience(noRetries()).timeScale(1).open();
    openBoth();
    pipeline.clock.advance(Duration.ofSeconds(30)); // exactly the open interval: not yet over

    SpawnResult r = pipeline.spawn("researcher");

    assertThat(r.refusal().code()).isEqualTo("circuit_open");
    assertThat(r.refusal().details()).containsEntry("retry_after_seconds", 1L);
  }

  /** Three spawns in which both providers fail: both breakers open at the same instant. */
  private void openBoth() {
    for (int i = 0; i < 3; i++) {
      a.enqueue(FakeOpenAiServer.error(500, "server_error", "a down", null));
      b.enqueue(FakeOpenAiServer.error(500, "server_error", "b down", null));
      assertThat(pipeline.spawn("researcher").task().status()).isEqualTo("failed");
    }
    assertThat(breaker("a").state()).isEqualTo(BreakerState.OPEN);
    assertThat(breaker("b").state()).isEqualTo(BreakerState.OPEN);
  }
}
