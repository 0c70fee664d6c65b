package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.budget.BudgetOptions;
import dev.taskorchestrator.budget.Money;
import dev.taskorchestrator.budget.SqliteBudgetGuard;
import dev.taskorchestrator.budget.testing.BenchLedger;
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
      BenchLedger.seed(db, LEDGER_ROWS, System.currentTimeMillis());
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
}
