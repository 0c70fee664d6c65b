package dev.taskorchestrator.budget.internal;

import dev.taskorchestrator.budget.CostReport;
import dev.taskorchestrator.budget.Money;
import dev.taskorchestrator.budget.ReportQuery;
import dev.taskorchestrator.budget.TokenUsage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Cost reports: aggregate queries over the ledger, bounded below by time ({@code budget_ledger_at}). */
public final class ReportQueries {

  private static final String SUMS = "COUNT(*), COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0),"
      + " COALESCE(SUM(cached_input_tokens), 0), COALESCE(SUM(cache_write_tokens), 0), COALESCE(SUM(cost_nanos), 0)";

  private ReportQueries() {}

  /** Runs the report; {@code from} null means all time. */
  public static CostReport run(Sql sql, ReportQuery q, Instant from, Instant now) throws SQLException {
    long fromMs = from == null ? Long.MIN_VALUE : from.toEpochMilli();
    String col = q.groupBy().column();
    PreparedStatement ps = sql.ps("SELECT " + col + ", " + SUMS + " FROM budget_ledger WHERE at_ms >= ?"
        + " GROUP BY " + col + " ORDER BY 7 DESC, 1 LIMIT ?");
    ps.setLong(1, fromMs);
    ps.setInt(2, q.topN());
    List<CostReport.Row> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(new CostReport.Row(rs.getString(1), rs.getLong(2), usage(rs, 3), Money.ofNanos(rs.getLong(7))));
      }
    }
    PreparedStatement total = sql.ps("SELECT " + SUMS + " FROM budget_ledger WHERE at_ms >= ?");
    total.setLong(1, fromMs);
    try (ResultSet rs = total.executeQuery()) {
      rs.next();
      return new CostReport(from, now, q.groupBy(), rows, rs.getLong(1), usage(rs, 2), Money.ofNanos(rs.getLong(6)));
    }
  }

  private static TokenUsage usage(ResultSet rs, int first) throws SQLException {
    return new TokenUsage(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2), rs.getLong(first + 3));
  }
}
