package dev.taskorchestrator.budget.internal;

import dev.taskorchestrator.budget.CostReport;
import dev.taskorchestrator.budget.Money;
import dev.taskorchestrator.budget.ReportQuery;
import dev.taskorchestrator.budget.TokenUsage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Cost reports. Whole days (today, this month, all time) are summed from {@code budget_daily}, one
 * row per group and day; a report since an instant sums the ledger rows after it (index on time).
 */
public final class ReportQueries {

  private ReportQueries() {}

  /** From the ledger: every call settled at or after {@code from}. */
  public static CostReport ledger(Sql sql, ReportQuery q, Instant from, Instant now) throws SQLException {
    String col = q.groupBy().column();
    PreparedStatement rows = sql.ps("SELECT " + col + ", " + sums("COUNT(*)") + " FROM budget_ledger WHERE at_ms >= ?"
        + " GROUP BY " + col + " ORDER BY 7 DESC, 1 LIMIT ?");
    rows.setLong(1, from.toEpochMilli());
    rows.setInt(2, q.topN());
    PreparedStatement total = sql.ps("SELECT " + sums("COUNT(*)") + " FROM budget_ledger WHERE at_ms >= ?");
    total.setLong(1, from.toEpochMilli());
    return report(rows, total, q, from, now);
  }

  /** From the daily totals: every call settled on {@code fromDay} or later (all, if null). */
  public static CostReport daily(Sql sql, ReportQuery q, LocalDate fromDay, Instant from, Instant now)
      throws SQLException {
    String col = q.groupBy().column();
    String day = fromDay == null ? "" : fromDay.toString();
    PreparedStatement rows = sql.ps("SELECT NULLIF(" + col + ", ''), " + sums("SUM(calls)")
        + " FROM budget_daily WHERE day >= ? GROUP BY " + col + " ORDER BY 7 DESC, 1 LIMIT ?");
    rows.setString(1, day);
    rows.setInt(2, q.topN());
    PreparedStatement total = sql.ps("SELECT " + sums("SUM(calls)") + " FROM budget_daily WHERE day >= ?");
    total.setString(1, day);
    return report(rows, total, q, from, now);
  }

  private static String sums(String calls) {
    return "COALESCE(" + calls + ", 0), COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0),"
        + " COALESCE(SUM(cached_input_tokens), 0), COALESCE(SUM(cache_write_tokens), 0), COALESCE(SUM(cost_nanos), 0)";
  }

  private static CostReport report(PreparedStatement rowsQuery, PreparedStatement totalQuery, ReportQuery q,
      Instant from, Instant now) throws SQLException {
    List<CostReport.Row> rows = new ArrayList<>();
    try (ResultSet rs = rowsQuery.executeQuery()) {
      while (rs.next()) {
        rows.add(new CostReport.Row(rs.getString(1), rs.getLong(2), usage(rs, 3), Money.ofNanos(rs.getLong(7))));
      }
    }
    try (ResultSet rs = totalQuery.executeQuery()) {
      rs.next();
      return new CostReport(from, now, q.groupBy(), rows, rs.getLong(1), usage(rs, 2), Money.ofNanos(rs.getLong(6)));
    }
  }

  private static TokenUsage usage(ResultSet rs, int first) throws SQLException {
    return new TokenUsage(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2), rs.getLong(first + 3));
  }
}
