package dev.taskorchestrator.budget.internal;

import dev.taskorchestrator.budget.Money;
import dev.taskorchestrator.budget.Scope;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Limits, running totals and the task tree, in SQL. */
public final class ScopeStore {

  private static final String READ_SCOPE = "SELECT l.scope IS NOT NULL, l.limit_nanos, l.warn_below_percent,"
      + " c.spent_nanos, c.reserved_nanos FROM (SELECT ?1 AS s, ?2 AS k, ?3 AS p) q"
      + " LEFT JOIN budget_limits l ON l.scope = q.s AND l.scope_key = q.k"
      + " LEFT JOIN budget_counters c ON c.scope = q.s AND c.scope_key = q.k AND c.period = q.p";
  private static final String ADD_COUNTER = "INSERT INTO budget_counters(scope, scope_key, period, spent_nanos,"
      + " reserved_nanos) VALUES (?, ?, ?, ?, ?) ON CONFLICT(scope, scope_key, period) DO UPDATE SET"
      + " spent_nanos = spent_nanos + excluded.spent_nanos, reserved_nanos = reserved_nanos + excluded.reserved_nanos";
  private static final String UPSERT_LIMIT = "INSERT INTO budget_limits(scope, scope_key, limit_nanos,"
      + " warn_below_percent, updated_at_ms) VALUES (?, ?, ?, ?, ?) ON CONFLICT(scope, scope_key) DO UPDATE SET"
      + " limit_nanos = excluded.limit_nanos, warn_below_percent = excluded.warn_below_percent,"
      + " updated_at_ms = excluded.updated_at_ms";

  private static final java.util.Map<Integer, String> READ_MANY = new java.util.concurrent.ConcurrentHashMap<>();
  private static final java.util.Map<Integer, String> ADD_MANY = new java.util.concurrent.ConcurrentHashMap<>();

  private final int defaultWarnBelowPercent;

  public ScopeStore(int defaultWarnBelowPercent) {
    this.defaultWarnBelowPercent = defaultWarnBelowPercent;
  }

  public ScopeRow read(Sql sql, ScopeKey k) throws SQLException {
    PreparedStatement ps = sql.ps(READ_SCOPE);
    ps.setString(1, k.scope().wireName());
    ps.setString(2, k.key());
    ps.setString(3, k.period());
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      boolean hasLimitRow = rs.getBoolean(1);
      long limit = rs.getLong(2);
      Money limitMoney = hasLimitRow && !rs.wasNull() ? Money.ofNanos(limit) : null;
      int warn = hasLimitRow ? rs.getInt(3) : defaultWarnBelowPercent;
      return new ScopeRow(k, limitMoney, warn, Money.ofNanos(rs.getLong(4)), Money.ofNanos(rs.getLong(5)));
    }
  }

  /** Reads many scopes in one statement, in the order given. */
  public List<ScopeRow> readAll(Sql sql, List<ScopeKey> keys) throws SQLException {
    int n = keys.size();
    PreparedStatement ps = sql.ps(READ_MANY.computeIfAbsent(n, ScopeStore::readManySql));
    int p = 1;
    for (int i = 0; i < n; i++) {
      ScopeKey k = keys.get(i);
      ps.setInt(p++, i);
      ps.setString(p++, k.scope().wireName());
      ps.setString(p++, k.key());
      ps.setString(p++, k.period());
    }
    ScopeRow[] rows = new ScopeRow[n];
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        int i = rs.getInt(1);
        boolean hasLimitRow = rs.getBoolean(2);
        long limit = rs.getLong(3);
        Money limitMoney = hasLimitRow && !rs.wasNull() ? Money.ofNanos(limit) : null;
        int warn = hasLimitRow ? rs.getInt(4) : defaultWarnBelowPercent;
        rows[i] = new ScopeRow(keys.get(i), limitMoney, warn, Money.ofNanos(rs.getLong(5)), Money.ofNanos(rs.getLong(6)));
      }
    }
    return List.of(rows);
  }

  /** Adds to the running totals of many scopes in one statement, creating missing rows. */
  public void addAll(Sql sql, List<ScopeKey> keys, long spentDelta, long reservedDelta) throws SQLException {
    int n = keys.size();
    PreparedStatement ps = sql.ps(ADD_MANY.computeIfAbsent(n, ScopeStore::addManySql));
    int p = 1;
    for (ScopeKey k : keys) {
      ps.setString(p++, k.scope().wireName());
      ps.setString(p++, k.key());
      ps.setString(p++, k.period());
      ps.setLong(p++, spentDelta);
      ps.setLong(p++, reservedDelta);
    }
    ps.executeUpdate();
  }

  private static String readManySql(int n) {
    return "SELECT q.column1, l.scope IS NOT NULL, l.limit_nanos, l.warn_below_percent,"
        + " COALESCE(c.spent_nanos, 0), COALESCE(c.reserved_nanos, 0) FROM (VALUES "
        + String.join(",", java.util.Collections.nCopies(n, "(?,?,?,?)")) + ") q"
        + " LEFT JOIN budget_limits l ON l.scope = q.column2 AND l.scope_key = q.column3"
        + " LEFT JOIN budget_counters c ON c.scope = q.column2 AND c.scope_key = q.column3 AND c.period = q.column4";
  }

  private static String addManySql(int n) {
    return "INSERT INTO budget_counters(scope, scope_key, period, spent_nanos, reserved_nanos) VALUES "
        + String.join(",", java.util.Collections.nCopies(n, "(?,?,?,?,?)"))
        + " ON CONFLICT(scope, scope_key, period) DO UPDATE SET spent_nanos = spent_nanos + excluded.spent_nanos,"
        + " reserved_nanos = reserved_nanos + excluded.reserved_nanos";
  }

  public void setLimit(Sql sql, Scope scope, String key, Money limit, int warn, long nowMs) throws SQLException {
    PreparedStatement ps = sql.ps(UPSERT_LIMIT);
    ps.setString(1, scope.wireName());
    ps.setString(2, key);
    if (limit == null) {
      ps.setNull(3, Types.INTEGER);
    } else {
      ps.setLong(3, limit.nanos());
    }
    ps.setInt(4, warn);
    ps.setLong(5, nowMs);
    ps.executeUpdate();
  }

  /** The task's row, or null if it was never opened. */
  public TaskRow task(Sql sql, String taskId) throws SQLException {
    PreparedStatement ps = sql.ps("SELECT parent_task_id FROM budget_tasks WHERE task_id = ?");
    ps.setString(1, taskId);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? new TaskRow(taskId, rs.getString(1)) : null;
    }
  }

  public void insertTask(Sql sql, String taskId, String parentTaskId, long nowMs) throws SQLException {
    PreparedStatement ps = sql.ps("INSERT INTO budget_tasks(task_id, parent_task_id, created_at_ms) VALUES (?, ?, ?)");
    ps.setString(1, taskId);
    ps.setString(2, parentTaskId);
    ps.setLong(3, nowMs);
    ps.executeUpdate();
  }

  /** Providers with a limit, or with spend or reservations on {@code day}. */
  public List<String> providers(Sql sql, String day) throws SQLException {
    PreparedStatement ps = sql.ps("SELECT scope_key FROM budget_limits WHERE scope = 'provider'"
        + " UNION SELECT scope_key FROM budget_counters WHERE scope = 'provider' AND period = ? ORDER BY 1");
    ps.setString(1, day);
    List<String> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** A task and its parent (null for a root task). */
  public record TaskRow(String taskId, String parentTaskId) {}
}
