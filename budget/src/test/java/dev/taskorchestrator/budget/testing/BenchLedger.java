package dev.taskorchestrator.budget.testing;

import dev.taskorchestrator.storage.Database;

/**
 * The budget benchmarks' ledger (the in-process one and the one over stdio): {@code rows} calls, one every
 * 2 s back from {@code nowMs} (a million rows span 23 days), by 2,000 tasks in 500 sessions across four
 * archetypes and three providers, as spawned sub-agents make them; the daily totals are derived from the
 * same rows.
 */
public final class BenchLedger {

  private BenchLedger() {}

  public static void seed(Database db, int rows, long nowMs) {
    db.write(c -> {
      try (var ps = c.prepareStatement("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
          + " INSERT INTO budget_ledger(reservation_id, at_ms, task_id, session_id, archetype, provider, model,"
          + " input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, cost_nanos, estimate_nanos)"
          + " SELECT -i, ? - i * 2000, 'task-' || (i % 2000), 'session-' || (i % 2000 / 4),"
          + " CASE i % 4 WHEN 0 THEN 'researcher' WHEN 1 THEN 'architect' WHEN 2 THEN 'builder' ELSE 'qc' END,"
          + " CASE i % 2000 % 3 WHEN 0 THEN 'openai' WHEN 1 THEN 'anthropic' ELSE 'google' END,"
          + " CASE i % 2000 % 3 WHEN 0 THEN 'gpt-4o' WHEN 1 THEN 'claude-sonnet-4-5' ELSE 'gemini-2.5-pro' END,"
          + " 1000 + i % 5000, 100 + i % 900, i % 700, 0, 4500 + i % 10000, 20000000 FROM n")) {
        ps.setInt(1, rows);
        ps.setLong(2, nowMs);
        ps.executeUpdate();
      }
      try (var st = c.createStatement()) {
        return st.executeUpdate("INSERT INTO budget_daily SELECT date(at_ms / 1000, 'unixepoch'), task_id, session_id,"
            + " archetype, provider, model, COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cached_input_tokens),"
            + " SUM(cache_write_tokens), SUM(cost_nanos) FROM budget_ledger"
            + " GROUP BY 1, task_id, session_id, archetype, provider, model");
      }
    });
  }
}
