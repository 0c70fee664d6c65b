package dev.taskorchestrator.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What the guard costs per call on a closed breaker (retry, breaker, bulkhead, deadline). */
@Tag("bench")
class ResilienceBench {

  private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(3);

  @Test
  void guardOverheadOnAClosedBreaker() throws Exception {
    try (ResilienceRegistry registry = ResilienceRegistry.builder()
        .settings(ResilienceSettings.ofDefaults().withMaxConcurrentCalls(64)).build()) {
      CallGuard guard = registry.guard("openai", BreakerKind.PROVIDER);
      run(guard, 1); // warm-up
      for (int threads : new int[] {1, 2, 8}) {
        long calls = run(guard, threads);
        System.out.printf(Locale.ROOT, "BENCH guard.call closed breaker, %d thread(s): %,d calls/s (%,.0f ns/call/thread)%n",
            threads, calls * 1_000_000_000L / RUN_NANOS, (double) RUN_NANOS * threads / calls);
      }
    }
  }

  private static long run(CallGuard guard, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Long>> counts = new ArrayList<>();
      long end = System.nanoTime() + RUN_NANOS;
      for (int t = 0; t < threads; t++) {
        counts.add(pool.submit(() -> {
          long n = 0;
          while (System.nanoTime() < end) {
            guard.call(() -> "ok");
            n++;
          }
          return n;
        }));
      }
      long total = 0;
      for (Future<Long> f : counts) {
        total += f.get();
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }
}
