package dev.taskorchestrator.budget;

import dev.taskorchestrator.budget.internal.ScopeStore;
import dev.taskorchestrator.budget.internal.Sql;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Task → ancestors (the task first, the root last). A task's parent never changes once stored, so
 * chains read from the database are cached for the process's life.
 */
final class TaskChains {

  private static final int MAX_DEPTH = 1_000;

  private final ScopeStore scopes;
  private final ConcurrentHashMap<String, List<String>> cache = new ConcurrentHashMap<>();

  TaskChains(ScopeStore scopes) {
    this.scopes = scopes;
  }

  /** The chain of a task; a task never opened becomes a root task without a limit. */
  List<String> chainCreatingRoot(Sql sql, String taskId, long nowMs) throws SQLException {
    List<String> chain = cache.get(taskId);
    if (chain != null) {
      return chain;
    }
    if (scopes.task(sql, taskId) == null) {
      // Not cached: the insert is part of a transaction that may still roll back.
      scopes.insertTask(sql, taskId, null, nowMs);
      return List.of(taskId);
    }
    return chainOfExisting(sql, taskId);
  }

  /** The chain of an existing task; a task never opened is reported alone. */
  List<String> chainForRead(Sql sql, String taskId) throws SQLException {
    List<String> chain = cache.get(taskId);
    if (chain != null) {
      return chain;
    }
    return scopes.task(sql, taskId) == null ? List.of(taskId) : chainOfExisting(sql, taskId);
  }

  /** The chain of a task that must exist. */
  List<String> chainOfExisting(Sql sql, String taskId) throws SQLException {
    List<String> cached = cache.get(taskId);
    if (cached != null) {
      return cached;
    }
    Set<String> chain = new LinkedHashSet<>();
    String t = taskId;
    while (t != null) {
      ScopeStore.TaskRow row = scopes.task(sql, t);
      if (row == null) {
        throw new BudgetException("unknown task '" + t + "': open it (spawn it) before giving it sub-tasks");
      }
      if (!chain.add(t) || chain.size() > MAX_DEPTH) {
        throw new BudgetException("task tree of '" + taskId + "' has a cycle or is deeper than " + MAX_DEPTH);
      }
      t = row.parentTaskId();
    }
    List<String> result = List.copyOf(new ArrayList<>(chain));
    cache.put(taskId, result);
    return result;
  }
}
