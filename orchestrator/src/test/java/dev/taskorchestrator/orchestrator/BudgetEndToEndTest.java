package dev.taskorchestrator.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import dev.taskorchestrator.budget.ModelPrice;
import dev.taskorchestrator.budget.Money;
import dev.taskorchestrator.budget.PriceTable;
import dev.taskorchestrator.budget.ReportQuery;
import dev.taskorchestrator.budget.Scope;
import dev.taskorchestrator.budget.ScopeState;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 through the router: 1,000 concurrent spawns against a fake provider that answers at once with
 * random real usage up to the worst case never spend more than a $5.00 task or daily budget, every spawn is
 * accounted for, and no reservation is left behind.
 */
class BudgetEndToEndTest {

  static final int SPAWNS = 1_000;
  static final int MAX_TOKENS = 500;
  /** $2 input, $20 output per million tokens: a call's worst case is about a cent. */
  static final ModelPrice PRICE = ModelPrice.perMillion("gpt-fake", "any", Money.usd("2"), Money.usd("20"), "test");

  @TempDir Path dir;
  final FakeOpenAiServer fake = FakeOpenAiServer.start();
  RouterPipeline pipeline;

  @AfterEach
  void close() {
    pipeline.close();
    fake.close();
  }

  RouterPipeline open() {
    return RouterPipeline.in(dir).providers(Pipeline.openAi("fake", fake.baseUrl(), "GOOD_KEY")
            .withModels(List.of("gpt-fake")))
        .prices(PriceTable.loadDefault().withOverrides(List.of(PRICE)))
        .resilience(dev.taskorchestrator.resilience.ResilienceSettings.ofDefaults().withMaxConcurrentCalls(64)).open();
  }

  /** Enough replies for every spawn; real usage random, never above the worst case reserved. */
  void scriptRandomUsage(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < SPAWNS; i++) {
      fake.enqueue(FakeOpenAiServer.text("answer " + i, 1 + random.nextInt(1_000), 1 + random.nextInt(MAX_TOKENS), 0));
    }
  }

  static SpawnRequest child(String parent, BigDecimal cap) {
    return new SpawnRequest("researcher", "summarise the notes", "", null, MAX_TOKENS, "s1", parent, false, cap);
  }

  List<SpawnResult> spawnConcurrently(int count, IntFunction<SpawnRequest> request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(64);
    try {
      List<Future<SpawnResult>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        futures.add(pool.submit(() -> pipeline.spawn(request.apply(n))));
      }
      List<SpawnResult> results = new ArrayList<>();
      for (Future<SpawnResult> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  static Map<String, Integer> outcomes(List<SpawnResult> results) {
    Map<String, Integer> by = new TreeMap<>();
    for (SpawnResult r : results) {
      String key = r.refused() ? "refused:" + r.refusal().code() : r.task().status();
      by.merge(key, 1, Integer::sum);
      if (key.equals("failed") && !by.containsKey("why: " + r.task().stopReason())) {
        by.put("why: " + r.task().stopReason() + " / " + r.task().errorClass(), 0);
      }
    }
    return by;
  }

  static BigDecimal costOf(SpawnResult r) {
    Object cost = r.extras().get("cost_usd");
    return cost == null ? BigDecimal.ZERO : (BigDecimal) cost;
  }

  ScopeState state(Scope scope, String id) {
    return pipeline.budget.state(scope, id);
  }

  Money ledgerTotal() {
    return pipeline.budget.report(new ReportQuery(new ReportQuery.Period.All(), ReportQuery.GroupBy.MODEL, 10)).total();
  }

  @Test
  void thousandConcurrentChildSpawnsNeverSpendMoreThanTheParentTasksFiveDollars() throws Exception {
    pipeline = open();
    fake.enqueue(FakeOpenAiServer.text("parent plan", 100, 50, 0));
    SpawnResult parent = pipeline.spawn(child(null, new BigDecimal("5.00")));
    assertThat(parent.task().status()).isEqualTo("completed");
    String parentId = parent.task().id();
    scriptRandomUsage(4);

    List<SpawnResult> results = spawnConcurrently(SPAWNS, i -> child(parentId, null));

    Map<String, Integer> outcomes = outcomes(results);
    assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(SPAWNS);
    assertThat(outcomes.keySet()).containsOnlyOnce("completed").allMatch(k -> k.equals("completed")
        || k.equals("budget_exhausted") || k.equals("refused:budget_exceeded"));
    assertThat(outcomes.get("completed")).isBetween(100, SPAWNS - 1);
    ScopeState parentState = state(Scope.TASK, parentId);
    assertThat(parentState.spent()).isLessThanOrEqualTo(Money.usd("5.00"));
    assertThat(parentState.reserved()).isEqualTo(Money.ZERO);
    BigDecimal childCosts = results.stream().map(BudgetEndToEndTest::costOf).reduce(BigDecimal.ZERO, BigDecimal::add);
    Money settled = Money.usd(childCosts).plus(Money.usd(costOf(parent)));
    assertThat(parentState.spent()).isEqualTo(settled);
    assertThat(ledgerTotal()).isEqualTo(settled);
    assertThat(fake.requests()).hasSize(1 + outcomes.get("completed"));
    // The refusals are real: when one was refused, what was left after the 63 other calls' worst cases
    // in flight could not cover its own; those calls then settled below their worst case, so afterwards
    // at most 64 worst cases can be left.
    assertThat(parentState.remaining()).isLessThan(Money.usd("0.02").times(64));
    for (ScopeState s : pipeline.budget.states("s1", parentId)) {
      assertThat(s.reserved()).as(s.scope() + " reserved").isEqualTo(Money.ZERO);
    }
  }

  @Test
  void thousandConcurrentSpawnsNeverSpendMoreThanTheFiveDollarDailyLimit() throws Exception {
    pipeline = open();
    pipeline.budget.setLimit(Scope.DAY, "", Money.usd("5.00"), 20);
    scriptRandomUsage(5);

    List<SpawnResult> results = spawnConcurrently(SPAWNS, i -> child(null, null));

    Map<String, Integer> outcomes = outcomes(results);
    assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(SPAWNS);
    assertThat(outcomes.keySet()).allMatch(k -> k.equals("completed") || k.equals("budget_exhausted")
        || k.equals("refused:budget_exceeded"));
    assertThat(outcomes.get("completed")).isBetween(100, SPAWNS - 1);
    ScopeState day = state(Scope.DAY, null);
    Money settled = Money.usd(results.stream().map(BudgetEndToEndTest::costOf).reduce(BigDecimal.ZERO, BigDecimal::add));
    assertThat(day.spent()).isLessThanOrEqualTo(Money.usd("5.00")).isEqualTo(settled);
    assertThat(day.reserved()).isEqualTo(Money.ZERO);
    assertThat(state(Scope.MONTH, null).reserved()).isEqualTo(Money.ZERO);
    assertThat(state(Scope.SESSION, "s1").reserved()).isEqualTo(Money.ZERO);
    assertThat(ledgerTotal()).isEqualTo(settled);
    assertThat(fake.requests()).hasSize(outcomes.get("completed"));
  }

  @Test
  void childrenCannotExceedTheParentsRemainingBudgetEvenConcurrently() throws Exception {
    pipeline = open();
    fake.enqueue(FakeOpenAiServer.text("parent plan", 100, 50, 0));
    SpawnResult parent = pipeline.spawn(child(null, new BigDecimal("0.10")));
    String parentId = parent.task().id();
    Money parentRemaining = state(Scope.TASK, parentId).remaining();

    SpawnResult tooBig = pipeline.spawn(child(parentId, new BigDecimal("0.10")));

    assertThat(tooBig.refused()).isTrue();
    assertThat(tooBig.refusal().code()).isEqualTo("budget_exceeded");
    assertThat(tooBig.refusal().message()).contains(parentId);
    assertThat(fake.requests()).hasSize(1);

    scriptRandomUsage(6);
    List<SpawnResult> children = spawnConcurrently(60, i -> child(parentId, new BigDecimal("0.03")));

    ScopeState after = state(Scope.TASK, parentId);
    assertThat(after.spent()).isLessThanOrEqualTo(Money.usd("0.10"));
    assertThat(after.spent().minus(Money.usd(costOf(parent))))
        .isEqualTo(Money.usd(children.stream().map(BudgetEndToEndTest::costOf).reduce(BigDecimal.ZERO, BigDecimal::add)))
        .isLessThanOrEqualTo(parentRemaining);
    assertThat(after.reserved()).isEqualTo(Money.ZERO);
    assertThat(outcomes(children)).containsKey("completed");
    assertThat(outcomes(children).keySet()).anyMatch(k -> !k.equals("completed"));
    for (SpawnResult c : children) {
      assertThat(costOf(c)).isLessThanOrEqualTo(new BigDecimal("0.03"));
    }
  }
}
