package dev.taskorchestrator.resilience;

import java.time.Duration;

/**
 * Waits between retries. The guard passes the already scaled wait. Injectable because Resilience4j's
 * own sleep function is a JVM-wide static.
 */
@FunctionalInterface
public interface RetrySleeper {

  void sleep(Duration wait) throws InterruptedException;

  /** {@link Thread#sleep(Duration)}: interruptible, as cancellation needs. */
  static RetrySleeper threadSleep() {
    return wait -> {
      if (wait.isPositive()) {
        Thread.sleep(wait);
      }
    };
  }
}
