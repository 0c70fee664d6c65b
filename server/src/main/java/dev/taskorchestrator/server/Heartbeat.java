package dev.taskorchestrator.server;

import dev.taskorchestrator.budget.SqliteBudgetGuard;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;

/**
 * Keeps this process's budget reservations alive and releases those of processes that died (their
 * lease ran out), every 30 s, well within the 2-minute lease.
 */
final class Heartbeat implements AutoCloseable {

  private final ScheduledExecutorService timer;
  private final ScheduledFuture<?> beat;

  private Heartbeat(ScheduledExecutorService timer, ScheduledFuture<?> beat) {
    this.timer = timer;
    this.beat = beat;
  }

  static Heartbeat start(SqliteBudgetGuard budget) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "budget-heartbeat");
      t.setDaemon(true);
      return t;
    });
    return new Heartbeat(timer, budget.scheduleHeartbeat(timer, Duration.ofSeconds(30)));
  }

  @Override
  public void close() {
    beat.cancel(false);
    timer.shutdownNow();
  }
}
