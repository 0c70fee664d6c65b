package dev.taskorchestrator.tools;

import java.time.Duration;

/** Counts tool calls in flight, so that a stop lets them finish and refuses new ones. */
public final class InFlight {

  private int count;
  private boolean closed;

  /** @return false when the server is stopping and the call must be refused */
  public synchronized boolean enter() {
    if (closed) {
      return false;
    }
    count++;
    return true;
  }

  public synchronized void exit() {
    count--;
    notifyAll();
  }

  /** Refuses new calls and waits up to {@code grace} for the running ones; true if none is left. */
  public synchronized boolean closeAndAwait(Duration grace) throws InterruptedException {
    closed = true;
    long deadline = System.nanoTime() + grace.toNanos();
    while (count > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  public synchronized int count() {
    return count;
  }
}
