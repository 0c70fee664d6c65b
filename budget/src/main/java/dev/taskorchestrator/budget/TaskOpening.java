package dev.taskorchestrator.budget;

import dev.taskorchestrator.budget.internal.ScopeKey;
import dev.taskorchestrator.budget.internal.ScopeRow;
import dev.taskorchestrator.budget.internal.ScopeStore;
import dev.taskorchestrator.budget.internal.Sql;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/** Opens a task inside a write transaction: checks a sub-task's cap against its ancestors. */
final class TaskOpening {

  private final ScopeStore scopes;
  private final TaskChains chains;
  private final Sql sql;
  private final long nowMs;

  TaskOpening(ScopeStore scopes, TaskChains chains, Sql sql, long nowMs) {
    this.scopes = scopes;
    this.chains = chains;
    this.sql = sql;
    this.nowMs = nowMs;
  }

  ScopeState open(String taskId, String parentTaskId, Money cap) throws SQLException {
    ScopeStore.TaskRow existing = scopes.task(sql, taskId);
    if (existing != null && !Objects.equals(existing.parentTaskId(), parentTaskId)) {
      throw new BudgetException("task '" + taskId + "' already exists with parent "
          + (existing.parentTaskId() == null ? "none" : "'" + existing.parentTaskId() + "'"));
    }
    ScopeKey key = ScopeKey.task(taskId);
    ScopeRow current = scopes.read(sql, key);
    Money limit = cap;
    if (parentTaskId != null) {
      Money available = available(parentTaskId);
      if (available != null) {
        // An existing sub-task's own spend is already out of the parent's remaining amount.
        Money ceiling = available.plus(current.spent()).plus(current.reserved());
        if (cap == null) {
          limit = existing == null ? ceiling : current.limit();
        } else if (cap.isGreaterThan(ceiling)) {
          throw new BudgetException("sub-task '" + taskId + "' cannot be given " + cap + ": its parent task '"
              + parentTaskId + "' has only " + available + " left");
        }
      }
    }
    if (existing == null) {
      scopes.insertTask(sql, taskId, parentTaskId, nowMs);
    }
    if (existing == null || cap != null) {
      scopes.setLimit(sql, Scope.TASK, taskId, limit, current.warnBelowPercent(), nowMs);
    }
    scopes.addAll(sql, List.of(key), 0, 0);
    return scopes.read(sql, key).toState();
  }

  /** The least any ancestor (the parent included) has left, never below zero; null if none is limited. */
  private Money available(String parentTaskId) throws SQLException {
    List<String> chain = chains.chainOfExisting(sql, parentTaskId);
    Money least = null;
    for (String t : chain) {
      Money remaining = scopes.read(sql, ScopeKey.task(t)).remaining();
      if (remaining != null) {
        least = least == null ? remaining : least.min(remaining);
      }
    }
    return least == null ? null : least.max(Money.ZERO);
  }
}
