package dev.taskorchestrator.server;

import java.util.concurrent.CountDownLatch;

/**
 * Whether, and why, the server was asked to stop (stdin's end, a signal). The first reason wins; it is
 * logged where the stop is handled, so that the log tells things in the order they happen.
 */
final class StopRequest {

  private final CountDownLatch asked = new CountDownLatch(1);
  private volatile String reason;

  /** Asks to stop; safe from any thread, any number of times. */
  synchronized void ask(String why) {
    if (reason == null) {
      reason = why;
    }
    asked.countDown();
  }

  /** Waits for the request; returns its reason. */
  String await() throws InterruptedException {
    asked.await();
    return reason;
  }
}
