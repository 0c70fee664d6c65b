package dev.taskorchestrator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.budget.testing.BenchLedger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reserve + settle throughput and check latency on the SQLite ledger with 1,000,000 ledger rows.
 * Run: {@code bin/with-jdk mvn -B -pl budget test -Dgroups=bench -Dsurefire.excludedGroups= -Dsurefire.redirect=false}
 */
@Tag("bench")
class BudgetBenchmarkTest {

  private static final int LEDGER_ROWS = Integer.getInteger("bench.ledgerRows", 1_000_000);
  private static final int PAIRS = 20_000;
  private static final int CHECKS = 20_000;

  @TempDir Path tmp;

  @Test
  void reserveSettleThroughputAndCheckLatencyWithAMillionLedgerRows() throws Exception {
    try (GuardFixture f = new GuardFixture(tmp)) {
      long t0 = System.nanoTime();
      BenchLedger.seed(f.db, LEDGER_ROWS, f.clock.millis());
      Integer autocheckpoint = Integer.getInteger("bench.walAutocheckpoint");
      if (autocheckpoint != null) {
        // Only to show what the storage module's checkpoint setting costs; the budget module never sets it.
        f.db.write(c -> c.createStatement().execute("PRAGMA wal_autocheckpoint = " + autocheckpoint));
        System.out.printf(Locale.ROOT, "BENCH (wal_autocheckpoint = %d pages)%n", autocheckpoint);
      }
      System.out.printf(Locale.ROOT, "BENCH seed: %,d ledger rows in %.1f s%n", LEDGER_ROWS, (System.nanoTime() - t0) / 1e9);
      f.guard.openTask("bench", null, Money.usd("1000000"));
      f.guard.setLimit(Scope.DAY, null, Money.usd("1000000"), 20);
      f.guard.setLimit(Scope.MONTH, null, Money.usd("1000000"), 20);
      f.guard.setLimit(Scope.PROVIDER, "openai", Money.usd("1000000"), 20);
      f.guard.setLimit(Scope.SESSION, "s-bench", Money.usd("1000000"), 20);

      pairs(f.guard, 2_000, 1); // warm-up
      double single = pairs(f.guard, PAIRS, 1);
      System.out.printf(Locale.ROOT, "BENCH reserve+settle (1 thread): %,.0f pairs/s (%,d ledger rows)%n", single, LEDGER_ROWS);
      for (int threads : new int[] {4, 16}) {
        double multi = pairs(f.guard, PAIRS, threads);
        System.out.printf(Locale.ROOT, "BENCH reserve+settle (%d threads): %,.0f pairs/s (%,d ledger rows)%n", threads,
            multi, f.count("budget_ledger"));
      }

      long[] lat = new long[CHECKS];
      for (int i = 0; i < CHECKS; i++) {
        long s = System.nanoTime();
        List<ScopeState> states = f.guard.states("s-bench", "bench");
        lat[i] = System.nanoTime() - s;
        assertThat(states).hasSize(5);
      }
      Arrays.sort(lat);
      System.out.printf(Locale.ROOT, "BENCH check (states of task+session+day+month+provider): p50 %.3f ms, p99 %.3f ms%n",
          lat[CHECKS / 2] / 1e6, lat[CHECKS * 99 / 100] / 1e6);

      long r0 = System.nanoTime();
      CostReport month = f.guard.report(new ReportQuery(ReportQuery.Period.month(), ReportQuery.GroupBy.TASK, 10));
      long r1 = System.nanoTime();
      CostReport today = f.guard.report(new ReportQuery(ReportQuery.Period.today(), ReportQuery.GroupBy.MODEL, 10));
      long r2 = System.nanoTime();
      CostReport lastDay = f.guard.report(new ReportQuery(
          ReportQuery.Period.since(f.clock.instant().minusSeconds(86_400)), ReportQuery.GroupBy.ARCHETYPE, 10));
      long r3 = System.nanoTime();
      System.out.printf(Locale.ROOT, "BENCH cost_report month by task: %.1f ms (%,d calls); today by model: %.1f ms"
          + " (%,d calls); last 24 h by archetype (ledger): %.1f ms (%,d calls)%n", (r1 - r0) / 1e6, month.calls(),
          (r2 - r1) / 1e6, today.calls(), (r3 - r2) / 1e6, lastDay.calls());
      assertThat(f.reservedNanos()).isZero();
    }
  }

  private static double pairs(SqliteBudgetGuard guard, int n, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < n / threads; i++) {
            var r = guard.reserve(new ReservationRequest("bench", "s-bench", "builder", "openai", "gpt-4o",
                Money.usd("0.02")));
            String id = ((ReserveResult.Reserved) r).reservationId();
            guard.settle(id, TokenUsage.of(1000, 200), Money.usd("0.0045"));
          }
          return null;
        }));
      }
      for (Future<?> fu : futures) {
        fu.get();
      }
      return n / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdown();
    }
  }
}
