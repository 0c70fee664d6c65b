package dev.taskorchestrator.resilience.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Interrupts a calling thread when its attempt's deadline passes. The call runs on the caller's own
 * thread (so thread-locals such as the current trace span stay in place); blocking I/O that honours
 * interrupts (java.net.http, {@code Thread.sleep}, locks) then ends with an exception, which the
 * guard classifies as a timeout.
 */
public final class DeadlineWatchdog implements AutoCloseable {

  private final ScheduledThreadPoolExecutor timer;

  public DeadlineWatchdog() {
    timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "resilience-deadline-watchdog");
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
  }

  /** Starts watching the current thread; call {@link Armed#disarm()} when the attempt ends. */
  public Armed arm(Duration timeout) {
    Armed armed = new Armed(Thread.currentThread());
    armed.future = timer.schedule(armed::fire, Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
    return armed;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /** One watched attempt. */
  public static final class Armed {
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile ScheduledFuture<?> future;
    private boolean done;
    private boolean fired;

    private Armed(Thread thread) {
      this.thread = thread;
    }

    private void fire() {
      lock.lock();
      try {
        if (!done) {
          fired = true;
          thread.interrupt();
        }
      } finally {
        lock.unlock();
      }
    }

    /**
     * Stops watching. Returns whether the deadline had passed; if so the interrupt it caused is
     * cleared here, so that it cannot leak into whatever the thread does next.
     */
    public boolean disarm() {
      lock.lock();
      try {
        done = true;
        if (future != null) {
          future.cancel(false);
        }
        if (fired) {
          Thread.interrupted();
        }
        return fired;
      } finally {
        lock.unlock();
      }
    }
  }
}
