package dev.taskorchestrator.server;

import dev.taskorchestrator.budget.BudgetOptions;
import dev.taskorchestrator.budget.Money;
import dev.taskorchestrator.budget.PriceTable;
import dev.taskorchestrator.budget.ProcessIdentity;
import dev.taskorchestrator.budget.Scope;
import dev.taskorchestrator.budget.SqliteBudgetGuard;
import dev.taskorchestrator.server.config.BudgetConfig;
import dev.taskorchestrator.storage.Database;
import java.time.Clock;
import java.time.ZoneId;

/** The budget guard and price table from the {@code budget:} configuration. */
final class Budgets {

  private Budgets() {}

  static ZoneId zone(BudgetConfig c) {
    return c.zone();
  }

  static SqliteBudgetGuard guard(BudgetConfig c, Database db, Clock clock) {
    SqliteBudgetGuard guard = SqliteBudgetGuard.open(db, new BudgetOptions(clock, zone(c), c.warnBelowPercent(),
        BudgetOptions.DEFAULT_OWNER_LEASE, ProcessIdentity.current()));
    if (c.dailyLimitUsd() != null) {
      guard.setLimit(Scope.DAY, "", Money.usd(c.dailyLimitUsd()), c.warnBelowPercent());
    }
    if (c.monthlyLimitUsd() != null) {
      guard.setLimit(Scope.MONTH, "", Money.usd(c.monthlyLimitUsd()), c.warnBelowPercent());
    }
    c.providerDailyLimitsUsd().forEach((provider, limit) ->
        guard.setLimit(Scope.PROVIDER, provider, Money.usd(limit), c.warnBelowPercent()));
    return guard;
  }

  static PriceTable prices(BudgetConfig c) {
    return c.priceTable();
  }
}
