package dev.taskorchestrator.orchestrator;

import dev.taskorchestrator.budget.BudgetGuard;
import dev.taskorchestrator.budget.CostReport;
import dev.taskorchestrator.budget.Money;
import dev.taskorchestrator.budget.ReportQuery;
import dev.taskorchestrator.budget.ReservationRequest;
import dev.taskorchestrator.budget.ReserveResult;
import dev.taskorchestrator.budget.Scope;
import dev.taskorchestrator.budget.ScopeState;
import dev.taskorchestrator.budget.SettleResult;
import dev.taskorchestrator.budget.TokenUsage;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A budget guard that counts the reservations asked for, so a test can prove none was made. */
final class CountingBudgetGuard implements BudgetGuard {

  final BudgetGuard guard;
  final AtomicInteger reserves = new AtomicInteger();

  CountingBudgetGuard(BudgetGuard guard) {
    this.guard = guard;
  }

  @Override
  public ScopeState openTask(String taskId, String parentTaskId, Money cap) {
    return guard.openTask(taskId, parentTaskId, cap);
  }

  @Override
  public ReserveResult reserve(ReservationRequest request) {
    reserves.incrementAndGet();
    return guard.reserve(request);
  }

  @Override
  public SettleResult settle(String reservationId, TokenUsage usage, Money actualCost) {
    return guard.settle(reservationId, usage, actualCost);
  }

  @Override
  public boolean release(String reservationId) {
    return guard.release(reservationId);
  }

  @Override
  public List<ScopeState> states(String sessionId, String taskId) {
    return guard.states(sessionId, taskId);
  }

  @Override
  public ScopeState state(Scope scope, String id) {
    return guard.state(scope, id);
  }

  @Override
  public ScopeState setLimit(Scope scope, String id, Money limit, int warnBelowPercent) {
    return guard.setLimit(scope, id, limit, warnBelowPercent);
  }

  @Override
  public CostReport report(ReportQuery query) {
    return guard.report(query);
  }

  @Override
  public int heartbeat() {
    return guard.heartbeat();
  }

  @Override
  public String ownerId() {
    return guard.ownerId();
  }

  @Override
  public void close() {
    guard.close();
  }
}
