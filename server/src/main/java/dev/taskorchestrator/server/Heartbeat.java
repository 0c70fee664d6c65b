package dev.taskorchestrator.server;

import dev.taskorchestrator.budget.BudgetGuard;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this process's budget reservations alive and releases those of processes that died (their
 * lease ran out), every 30 s.
 */
final class Heartbeat implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

  private final ScheduledExecutorService timer;

  private Heartbeat(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  static Heartbeat start(BudgetGuard budget) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "budget-heartbeat");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(() -> {
      try {
        int released = budget.heartbeat();
        if (released > 0) {
          log.info("released {} budget reservation(s) left by a process that stopped", released);
        }
      } catch (RuntimeException e) {
        log.warn("budget heartbeat failed: {}", e.getMessage());
      }
    }, 0, 30, TimeUnit.SECONDS);
    return new Heartbeat(timer);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
