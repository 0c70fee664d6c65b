package dev.taskorchestrator.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WireNamesTest {

  @Test
  void scopesAndGroupsParseFromTheirToolNames() {
    assertThat(Scope.fromWireName(" Provider ")).isEqualTo(Scope.PROVIDER);
    assertThat(Scope.TASK.wireName()).isEqualTo("task");
    assertThatThrownBy(() -> Scope.fromWireName("week")).hasMessageContaining("task, session, day, month, provider");
    assertThat(ReportQuery.GroupBy.fromWireName("archetype")).isEqualTo(ReportQuery.GroupBy.ARCHETYPE);
    assertThat(BudgetStatus.WARNING.wireName()).isEqualTo("warning");
  }

  @Test
  void periodsParseFromTodayMonthAllOrAnInstant() {
    assertThat(ReportQuery.Period.parse("today")).isInstanceOf(ReportQuery.Period.Today.class);
    assertThat(ReportQuery.Period.parse("MONTH")).isInstanceOf(ReportQuery.Period.ThisMonth.class);
    assertThat(ReportQuery.Period.parse("all")).isInstanceOf(ReportQuery.Period.All.class);
    assertThat(ReportQuery.Period.parse("2026-11-01T00:00:00Z"))
        .isEqualTo(ReportQuery.Period.since(Instant.parse("2026-11-01T00:00:00Z")));
    assertThatThrownBy(() -> ReportQuery.Period.parse("yesterday")).hasMessageContaining("today, month, all");
    assertThatThrownBy(() -> new ReportQuery(ReportQuery.Period.all(), ReportQuery.GroupBy.TASK, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void stateIsDerivedFromTheTotals() {
    Money limit = Money.usd("10");
    ScopeState ok = ScopeState.of(Scope.DAY, "d", "d", limit, Money.usd("7"), Money.usd("1"), 20);
    assertThat(ok.status()).isEqualTo(BudgetStatus.OK);
    assertThat(ok.remaining()).isEqualTo(Money.usd("2"));
    assertThat(ok.percentUsed()).isEqualByComparingTo("80");
    assertThat(ScopeState.of(Scope.DAY, "d", "d", limit, Money.usd("8.01"), Money.ZERO, 20).status())
        .isEqualTo(BudgetStatus.WARNING);
    assertThat(ScopeState.of(Scope.DAY, "d", "d", limit, Money.usd("11"), Money.ZERO, 20).status())
        .isEqualTo(BudgetStatus.EXHAUSTED);
    assertThat(ScopeState.of(Scope.DAY, "d", "d", Money.ZERO, Money.ZERO, Money.ZERO, 20).status())
        .isEqualTo(BudgetStatus.EXHAUSTED);
  }
}
