package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.budget.BudgetOptions;
import dev.taskorchestrator.budget.Money;
import dev.taskorchestrator.budget.SqliteBudgetGuard;
import dev.taskorchestrator.storage.Database;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check_budget} over stdio (Java SDK client, the packaged jar as a child process) on a data directory
 * holding 1,000,000 ledger rows. Needs {@code server/target/task-orchestrator.jar}: build it first
 * ({@code mvn -pl server -am install -DskipTests}). The server runs with the launcher's JVM flags
 * ({@link OrchestratorProcess#LAUNCHER_FLAGS}); the figure is taken after {@value #WARMUP} calls (a server
 * answers many), and the first 300 calls after start are reported too.
 */
@Tag("bench")
class CheckBudgetOverStdioBenchmarkTest {

  static final int LEDGER_ROWS = Integer.getInteger("bench.ledgerRows", 1_000_000);
  static final int WARMUP = 2000;
  static final int RUNS = 2000;

  @TempDir Path dir;

  @Test
  void checkBudgetOverStdioWithAMillionLedgerRows() throws Exception {
    Path config = OrchestratorProcess.config(dir, null, null);
    long t0 = System.nanoTime();
    try (Database db = Storage.open(dir.resolve("data"))) {
      seedLedger(db);
      try (SqliteBudgetGuard guard = SqliteBudgetGuard.open(db, BudgetOptions.ofDefaults())) {
        guard.openTask("bench-task", null, Money.usd("5"));
      }
    }
    System.out.printf(Locale.ROOT, "BENCH seed: %,d ledger rows in %.1f s%n", LEDGER_ROWS, (System.nanoTime() - t0) / 1e9);
    OrchestratorProcess server = OrchestratorProcess.start(config);
    try {
      Map<String, Object> args = Map.of("task_id", "bench-task", "session_id", "session-1");
      assertThat(server.call("check_budget", args)).containsKey("scopes");
      double[] first = new double[300];
      for (int i = 0; i < WARMUP; i++) {
        long s = System.nanoTime();
        server.call("check_budget", args);
        if (i < first.length) {
          first[i] = (System.nanoTime() - s) / 1e6;
        }
      }
      Arrays.sort(first);
      double[] ms = new double[RUNS];
      for (int i = 0; i < RUNS; i++) {
        long s = System.nanoTime();
        server.call("check_budget", args);
        ms[i] = (System.nanoTime() - s) / 1e6;
      }
      Arrays.sort(ms);
      System.out.printf(Locale.ROOT, "BENCH check_budget over stdio (task+session+day+month+providers): p50 %.3f ms,"
          + " p99 %.3f ms (%,d calls after %,d warm-up calls, %,d ledger rows); first %d calls after start: p50 %.3f ms%n",
          ms[RUNS / 2], ms[RUNS * 99 / 100], RUNS, WARMUP, LEDGER_ROWS, first.length, first[first.length / 2]);
      long r0 = System.nanoTime();
      Map<String, Object> report = server.call("cost_report", Map.of("period", "month", "group_by", "task"));
      System.out.printf(Locale.ROOT, "BENCH cost_report over stdio (month by task): %.1f ms (%s calls)%n",
          (System.nanoTime() - r0) / 1e6, report.get("calls"));
    } finally {
      server.close();
    }
  }

  /** The budget benchmark's ledger: one million calls over 23 days by 2,000 tasks, with their daily totals. */
  private static void seedLedger(Database db) {
    long now = System.currentTimeMillis();
    db.write(c -> {
      try (var ps = c.prepareStatement("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
          + " INSERT INTO budget_ledger(reservation_id, at_ms, task_id, session_id, archetype, provider, model,"
          + " input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, cost_nanos, estimate_nanos)"
          + " SELECT -i, ? - i * 2000, 'task-' || (i % 2000), 'session-' || (i % 2000 / 4),"
          + " CASE i % 4 WHEN 0 THEN 'researcher' WHEN 1 THEN 'architect' WHEN 2 THEN 'builder' ELSE 'qc' END,"
          + " CASE i % 2000 % 3 WHEN 0 THEN 'openai' WHEN 1 THEN 'anthropic' ELSE 'google' END,"
          + " CASE i % 2000 % 3 WHEN 0 THEN 'gpt-4o' WHEN 1 THEN 'claude-sonnet-4-5' ELSE 'gemini-2.5-pro' END,"
          + " 1000 + i % 5000, 100 + i % 900, i % 700, 0, 4500 + i % 10000, 20000000 FROM n")) {
        ps.setInt(1, LEDGER_ROWS);
        ps.setLong(2, now);
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
