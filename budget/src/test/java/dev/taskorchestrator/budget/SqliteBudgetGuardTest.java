package dev.taskorchestrator.budget;

import static dev.taskorchestrator.budget.GuardFixture.call;
import static dev.taskorchestrator.budget.GuardFixture.find;
import static dev.taskorchestrator.budget.GuardFixture.reserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteBudgetGuardTest {

  @TempDir Path tmp;
  GuardFixture f;
  BudgetGuard guard;

  @BeforeEach
  void open() {
    f = new GuardFixture(tmp);
    guard = f.guard;
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void refusesCallThatWouldExceedRemainingBudget() {
    guard.openTask("t1", null, Money.usd("1.00"));
    reserved(guard.reserve(call("t1", null, "openai", "0.70")));
    ReserveResult r = guard.reserve(call("t1", null, "openai", "0.40"));
    assertThat(r).isInstanceOfSatisfying(ReserveResult.Refused.class, no -> {
      assertThat(no.scope()).isEqualTo(Scope.TASK);
      assertThat(no.id()).isEqualTo("t1");
      assertThat(no.remaining()).isEqualTo(Money.usd("0.30"));
      assertThat(no.estimate()).isEqualTo(Money.usd("0.40"));
      assertThat(no.message()).contains("task 't1'", "$0.30", "$0.40", "gpt-4o");
    });
    assertThat(guard.state(Scope.TASK, "t1").reserved()).isEqualTo(Money.usd("0.70"));
  }

  @Test
  void settleRecordsTheRealCostAndReleasesTheRestOfTheReservation() {
    guard.openTask("t1", null, Money.usd("5.00"));
    String id = reserved(guard.reserve(call("t1", "s1", "openai", "1.00")));
    SettleResult s = guard.settle(id, TokenUsage.of(1000, 100), Money.usd("0.25"));
    assertThat(s.duplicate()).isFalse();
    ScopeState task = find(s.scopes(), Scope.TASK);
    assertThat(task.spent()).isEqualTo(Money.usd("0.25"));
    assertThat(task.reserved()).isEqualTo(Money.ZERO);
    assertThat(task.remaining()).isEqualTo(Money.usd("4.75"));
    assertThat(guard.state(Scope.TASK, "t1")).isEqualTo(task);
    assertThat(find(guard.states("s1", "t1"), Scope.SESSION).spent()).isEqualTo(Money.usd("0.25"));
    assertThat(f.ledgerNanos()).isEqualTo(Money.usd("0.25").nanos());
  }

  @Test
  void settlingTheSameCallTwiceCountsOnce() {
    guard.openTask("t1", null, Money.usd("5.00"));
    String id = reserved(guard.reserve(call("t1", null, "openai", "1.00")));
    guard.settle(id, TokenUsage.of(10, 10), Money.usd("0.50"));
    SettleResult again = guard.settle(id, TokenUsage.of(10, 10), Money.usd("0.50"));
    assertThat(again.duplicate()).isTrue();
    assertThat(again.cost()).isEqualTo(Money.usd("0.50"));
    assertThat(guard.state(Scope.TASK, "t1").spent()).isEqualTo(Money.usd("0.50"));
    assertThat(f.count("budget_ledger")).isEqualTo(1);
  }

  @Test
  void settlingAnUnknownReservationIsRefused() {
    assertThatThrownBy(() -> guard.settle("nope", TokenUsage.NONE, Money.ZERO))
        .isInstanceOf(BudgetException.class).hasMessageContaining("'nope'");
  }

  @Test
  void releaseGivesTheWholeReservationBack() {
    guard.openTask("t1", null, Money.usd("1.00"));
    String id = reserved(guard.reserve(call("t1", null, "openai", "0.90")));
    assertThat(guard.release(id)).isTrue();
    assertThat(guard.release(id)).isFalse();
    assertThat(guard.state(Scope.TASK, "t1").remaining()).isEqualTo(Money.usd("1.00"));
    assertThat(f.count("budget_ledger")).isZero();
    assertThat(guard.reserve(call("t1", null, "openai", "1.00"))).isInstanceOf(ReserveResult.Reserved.class);
  }

  @Test
  void warnsWhenLessThanTwentyPercentRemains() {
    guard.openTask("t1", null, Money.usd("5.00"));
    String a = reserved(guard.reserve(call("t1", null, "openai", "4.00")));
    SettleResult atTwenty = guard.settle(a, TokenUsage.NONE, Money.usd("4.00"));
    assertThat(find(atTwenty.scopes(), Scope.TASK).status()).isEqualTo(BudgetStatus.OK);
    ReserveResult.Reserved b = (ReserveResult.Reserved) guard.reserve(call("t1", null, "openai", "0.01"));
    ScopeState task = find(b.scopes(), Scope.TASK);
    assertThat(task.status()).isEqualTo(BudgetStatus.WARNING);
    assertThat(task.percentUsed()).isEqualByComparingTo("80.20");
    assertThat(b.warnings()).containsExactly(task);
  }

  @Test
  void isExhaustedWhenNothingRemains() {
    guard.openTask("t1", null, Money.usd("1.00"));
    String id = reserved(guard.reserve(call("t1", null, "openai", "1.00")));
    SettleResult s = guard.settle(id, TokenUsage.NONE, Money.usd("1.00"));
    assertThat(find(s.scopes(), Scope.TASK).status()).isEqualTo(BudgetStatus.EXHAUSTED);
    assertThat(guard.reserve(call("t1", null, "openai", "0.000000001"))).isInstanceOf(ReserveResult.Refused.class);
    assertThat(guard.reserve(call("t1", null, "ollama", "0"))).isInstanceOf(ReserveResult.Reserved.class);
  }

  @Test
  void scopesWithoutALimitAreUnlimitedButStillReported() {
    String id = reserved(guard.reserve(call("free", "s9", "anthropic", "1000")));
    guard.settle(id, TokenUsage.of(5, 5), Money.usd("12.50"));
    var states = guard.states("s9", "free");
    assertThat(states).extracting(ScopeState::scope)
        .containsExactly(Scope.TASK, Scope.SESSION, Scope.DAY, Scope.MONTH, Scope.PROVIDER);
    assertThat(states).allSatisfy(s -> {
      assertThat(s.limit()).isNull();
      assertThat(s.spent()).isEqualTo(Money.usd("12.50"));
      assertThat(s.status()).isEqualTo(BudgetStatus.OK);
    });
    assertThat(find(states, Scope.DAY).id()).isEqualTo("2026-11-21");
    assertThat(find(states, Scope.MONTH).id()).isEqualTo("2026-11");
    assertThat(find(states, Scope.PROVIDER).id()).isEqualTo("anthropic");
  }

  @Test
  void dailyLimitCountsEachCalendarDayInTheConfiguredZone() {
    guard.setLimit(Scope.DAY, null, Money.usd("1.00"), 20);
    f.clock.set(Instant.parse("2026-11-21T22:30:00Z")); // 23:30 in Paris
    guard.settle(reserved(guard.reserve(call(null, null, "openai", "1.00"))), TokenUsage.NONE, Money.usd("1.00"));
    assertThat(guard.reserve(call(null, null, "openai", "0.01"))).isInstanceOfSatisfying(
        ReserveResult.Refused.class, no -> assertThat(no.message()).contains("daily budget (2026-11-21)"));
    f.clock.advance(Duration.ofMinutes(45)); // 00:15 in Paris, still 21 Nov in UTC
    assertThat(guard.reserve(call(null, null, "openai", "0.50"))).isInstanceOf(ReserveResult.Reserved.class);
    assertThat(guard.state(Scope.DAY, "2026-11-21").spent()).isEqualTo(Money.usd("1.00"));
    assertThat(guard.state(Scope.DAY, null).reserved()).isEqualTo(Money.usd("0.50"));
  }

  @Test
  void monthlyLimitSpansDays() {
    guard.setLimit(Scope.MONTH, null, Money.usd("2.00"), 20);
    guard.settle(reserved(guard.reserve(call(null, null, "openai", "1.50"))), TokenUsage.NONE, Money.usd("1.50"));
    f.clock.advance(Duration.ofDays(3));
    assertThat(guard.reserve(call(null, null, "openai", "0.60"))).isInstanceOfSatisfying(
        ReserveResult.Refused.class, no -> assertThat(no.scope()).isEqualTo(Scope.MONTH));
    f.clock.set(Instant.parse("2026-12-01T10:00:00Z"));
    assertThat(guard.reserve(call(null, null, "openai", "1.90"))).isInstanceOf(ReserveResult.Reserved.class);
  }

  @Test
  void providerDailyLimitRefusesOnlyThatProvider() {
    guard.setLimit(Scope.PROVIDER, "anthropic", Money.usd("0.10"), 20);
    assertThat(guard.reserve(call(null, null, "anthropic", "0.20"))).isInstanceOfSatisfying(
        ReserveResult.Refused.class, no -> {
          assertThat(no.scope()).isEqualTo(Scope.PROVIDER);
          assertThat(no.id()).isEqualTo("anthropic");
        });
    assertThat(guard.reserve(call(null, null, "openai", "0.20"))).isInstanceOf(ReserveResult.Reserved.class);
    assertThat(guard.states(null, null)).extracting(ScopeState::id).contains("anthropic", "openai");
  }

  @Test
  void sessionLimitCoversEveryTaskOfTheSession() {
    guard.setLimit(Scope.SESSION, "s1", Money.usd("1.00"), 20);
    reserved(guard.reserve(call("a", "s1", "openai", "0.60")));
    assertThat(guard.reserve(call("b", "s1", "openai", "0.60"))).isInstanceOfSatisfying(
        ReserveResult.Refused.class, no -> assertThat(no.scope()).isEqualTo(Scope.SESSION));
    assertThat(guard.reserve(call("b", "s2", "openai", "0.60"))).isInstanceOf(ReserveResult.Reserved.class);
  }

  @Test
  void changedLimitsTakeEffectAtOnceAndArePersisted() {
    guard.openTask("t1", null, Money.usd("5.00"));
    guard.setLimit(Scope.TASK, "t1", Money.usd("0.50"), 50);
    assertThat(guard.reserve(call("t1", null, "openai", "0.60"))).isInstanceOf(ReserveResult.Refused.class);
    ScopeState s = guard.state(Scope.TASK, "t1");
    assertThat(s.warnBelowPercent()).isEqualTo(50);
    f.close();
    f = new GuardFixture(tmp);
    guard = f.guard;
    assertThat(guard.state(Scope.TASK, "t1").limit()).isEqualTo(Money.usd("0.50"));
    guard.setLimit(Scope.TASK, "t1", null, 20);
    assertThat(guard.reserve(call("t1", null, "openai", "100"))).isInstanceOf(ReserveResult.Reserved.class);
  }

  @Test
  void subTaskSpendsFromItsParentsRemainingBudget() {
    guard.openTask("p", null, Money.usd("1.00"));
    guard.settle(reserved(guard.reserve(call("p", null, "openai", "0.40"))), TokenUsage.NONE, Money.usd("0.40"));
    ScopeState child = guard.openTask("c", "p", null);
    assertThat(child.limit()).isEqualTo(Money.usd("0.60"));
    ScopeState small = guard.openTask("c2", "p", Money.usd("0.10"));
    assertThat(small.limit()).isEqualTo(Money.usd("0.10"));
    assertThatThrownBy(() -> guard.openTask("c3", "p", Money.usd("0.61")))
        .isInstanceOf(BudgetException.class).hasMessageContaining("'p' has only $0.60 left");
    assertThatThrownBy(() -> guard.openTask("c4", "nobody", null)).isInstanceOf(BudgetException.class);

    guard.settle(reserved(guard.reserve(call("c", null, "openai", "0.50"))), TokenUsage.NONE, Money.usd("0.50"));
    assertThat(guard.state(Scope.TASK, "p").spent()).isEqualTo(Money.usd("0.90"));
    assertThat(guard.reserve(call("c2", null, "openai", "0.10"))).isInstanceOf(ReserveResult.Reserved.class);
    assertThat(guard.reserve(call("c", null, "openai", "0.01"))).isInstanceOfSatisfying(
        ReserveResult.Refused.class, no -> assertThat(no.id()).isEqualTo("p"));
    assertThat(guard.states(null, "c")).extracting(ScopeState::id).startsWith("c", "p");
  }

  @Test
  void grandchildIsBoundByEveryAncestor() {
    guard.openTask("root", null, Money.usd("1.00"));
    guard.openTask("mid", "root", Money.usd("0.80"));
    guard.settle(reserved(guard.reserve(call("root", null, "openai", "0.50"))), TokenUsage.NONE, Money.usd("0.50"));
    ScopeState leaf = guard.openTask("leaf", "mid", null);
    assertThat(leaf.limit()).isEqualTo(Money.usd("0.50"));
  }

  @Test
  void reportGroupsSpendOverAPeriodLargestFirst() {
    settle("t1", "s1", "openai", "gpt-4o", "0.30");
    settle("t1", "s1", "anthropic", "claude-sonnet-4-5", "0.50");
    settle("t2", "s2", "openai", "gpt-4o", "0.40");
    f.clock.advance(Duration.ofDays(1));
    settle("t3", "s2", "openai", "gpt-4o-mini", "0.05");

    CostReport byModel = guard.report(new ReportQuery(ReportQuery.Period.all(), ReportQuery.GroupBy.MODEL, 2));
    assertThat(byModel.rows()).extracting(CostReport.Row::key).containsExactly("gpt-4o", "claude-sonnet-4-5");
    assertThat(byModel.rows().get(0).cost()).isEqualTo(Money.usd("0.70"));
    assertThat(byModel.rows().get(0).calls()).isEqualTo(2);
    assertThat(byModel.total()).isEqualTo(Money.usd("1.25"));
    assertThat(byModel.calls()).isEqualTo(4);

    CostReport today = guard.report(new ReportQuery(ReportQuery.Period.today(), ReportQuery.GroupBy.TASK, 10));
    assertThat(today.rows()).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("t3"));
    CostReport bySession = guard.report(new ReportQuery(ReportQuery.Period.month(), ReportQuery.GroupBy.SESSION, 10));
    assertThat(bySession.rows()).extracting(CostReport.Row::cost).containsExactly(Money.usd("0.80"), Money.usd("0.45"));
    assertThat(guard.report(new ReportQuery(ReportQuery.Period.parse("2026-11-22T00:00:00Z"),
        ReportQuery.GroupBy.PROVIDER, 10)).total()).isEqualTo(Money.usd("0.05"));
    for (ReportQuery.GroupBy g : ReportQuery.GroupBy.values()) {
      CostReport daily = guard.report(new ReportQuery(ReportQuery.Period.all(), g, 100));
      CostReport ledger = guard.report(new ReportQuery(ReportQuery.Period.since(Instant.EPOCH), g, 100));
      assertThat(daily.rows()).as(g.name()).containsExactlyElementsOf(ledger.rows());
      assertThat(daily.total()).isEqualTo(ledger.total());
      assertThat(daily.tokens()).isEqualTo(ledger.tokens());
    }
  }

  @Test
  void theLedgerIsAppendOnly() {
    settle("t1", "s1", "openai", "gpt-4o", "0.30");
    assertThatThrownBy(() -> f.db.write(c -> c.createStatement().executeUpdate("UPDATE budget_ledger SET cost_nanos = 0")))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> f.db.write(c -> c.createStatement().executeUpdate("DELETE FROM budget_ledger")))
        .hasMessageContaining("append-only");
    assertThat(f.ledgerNanos()).isEqualTo(Money.usd("0.30").nanos());
  }

  private void settle(String task, String session, String provider, String model, String cost) {
    String archetype = task.equals("t2") ? null : "researcher";
    String id = reserved(guard.reserve(new ReservationRequest(task, session, archetype, provider, model, Money.usd(cost))));
    guard.settle(id, TokenUsage.of(100, 10), Money.usd(cost));
  }
}
