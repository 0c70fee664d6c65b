package dev.taskorchestrator.budget.internal;

import dev.taskorchestrator.budget.Money;
import dev.taskorchestrator.budget.ScopeState;

/** A scope's limit and running totals as stored; {@code limit} is null when unlimited. */
public record ScopeRow(ScopeKey key, Money limit, int warnBelowPercent, Money spent, Money reserved) {

  public Money remaining() {
    return limit == null ? null : limit.minus(spent).minus(reserved);
  }

  public ScopeRow plus(Money spentDelta, Money reservedDelta) {
    return new ScopeRow(key, limit, warnBelowPercent, spent.plus(spentDelta), reserved.plus(reservedDelta));
  }

  public ScopeState toState() {
    return ScopeState.of(key.scope(), key.displayId(), key.displayPeriod(), limit, spent, reserved, warnBelowPercent);
  }
}
