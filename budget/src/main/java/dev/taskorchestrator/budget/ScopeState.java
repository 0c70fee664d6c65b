package dev.taskorchestrator.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One scope's budget at a moment.
 *
 * @param scope the kind of scope
 * @param id task id, session id or provider name; for day and month the period itself
 * @param period the day ({@code 2026-11-21}) or month ({@code 2026-11}) counted; null for task and session
 * @param limit the limit, or null when the scope is unlimited
 * @param spent settled spend
 * @param reserved worst-case estimates of calls in flight
 * @param remaining {@code limit - spent - reserved} (may be negative after an overrun); null if unlimited
 * @param percentUsed {@code (spent + reserved) / limit} in percent, 2 decimals; null if unlimited
 * @param warnBelowPercent warning threshold: state is WARNING when less than this percentage remains
 * @param status OK, WARNING or EXHAUSTED
 */
public record ScopeState(
    Scope scope,
    String id,
    String period,
    Money limit,
    Money spent,
    Money reserved,
    Money remaining,
    BigDecimal percentUsed,
    int warnBelowPercent,
    BudgetStatus status) {

  public ScopeState {
    Objects.requireNonNull(scope, "scope is null");
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(spent, "spent is null");
    Objects.requireNonNull(reserved, "reserved is null");
    Objects.requireNonNull(status, "status is null");
  }

  /** Derives remaining, percent used and status from the totals. */
  public static ScopeState of(Scope scope, String id, String period, Money limit, Money spent, Money reserved,
      int warnBelowPercent) {
    if (limit == null) {
      return new ScopeState(scope, id, period, null, spent, reserved, null, null, warnBelowPercent, BudgetStatus.OK);
    }
    Money remaining = limit.minus(spent).minus(reserved);
    BigDecimal used = limit.isZero()
        ? BigDecimal.valueOf(100).setScale(2, RoundingMode.UNNECESSARY)
        : BigDecimal.valueOf(spent.nanos() + reserved.nanos()).multiply(BigDecimal.valueOf(100))
            .divide(BigDecimal.valueOf(limit.nanos()), 2, RoundingMode.HALF_UP);
    BudgetStatus status;
    if (remaining.nanos() <= 0) {
      status = BudgetStatus.EXHAUSTED;
    } else if (BigDecimal.valueOf(remaining.nanos()).multiply(BigDecimal.valueOf(100))
        .compareTo(BigDecimal.valueOf(limit.nanos()).multiply(BigDecimal.valueOf(warnBelowPercent))) < 0) {
      status = BudgetStatus.WARNING;
    } else {
      status = BudgetStatus.OK;
    }
    return new ScopeState(scope, id, period, limit, spent, reserved, remaining, used, warnBelowPercent, status);
  }

  public boolean isLimited() {
    return limit != null;
  }

  /** True when the scope is in WARNING or EXHAUSTED state. */
  public boolean needsAttention() {
    return status != BudgetStatus.OK;
  }
}
