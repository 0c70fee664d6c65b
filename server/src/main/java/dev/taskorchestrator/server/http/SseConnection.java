package dev.taskorchestrator.server.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One HTTP response sending Server-Sent Events: its headers and a priming event (an id and the
 * {@code retry} interval, no data) go out at once, then one event per message, each written whole and
 * flushed. A failed write marks the connection closed; the request thread waits in {@link #awaitClosed}
 * until then (or until it is closed on purpose) and returns, which ends the response.
 */
final class SseConnection {

  /** How long a client should wait before reconnecting a stream that ended early. */
  static final int RETRY_MILLIS = 1000;

  private final ServletOutputStream out;
  private final ReentrantLock lock = new ReentrantLock();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile boolean open = true;

  private SseConnection(ServletOutputStream out) {
    this.out = out;
  }

  /** Starts the event stream on {@code response}; the first event primes the client with {@code primingId}. */
  static SseConnection start(HttpServletResponse response, String primingId) throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("text/event-stream");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-cache, no-transform");
    response.setHeader("X-Accel-Buffering", "no");
    SseConnection c = new SseConnection(response.getOutputStream());
    if (!c.write("id: " + primingId + "\nretry: " + RETRY_MILLIS + "\ndata: \n\n")) {
      throw new IOException("the client went away before the stream started");
    }
    return c;
  }

  /** Sends one message event; false when the connection is closed (the event is then not sent). */
  boolean send(String eventId, String json) {
    return write("id: " + eventId + "\nevent: message\ndata: " + json + "\n\n");
  }

  /** A comment line: keeps intermediaries from timing the stream out and finds a client that is gone. */
  boolean heartbeat() {
    return write(": keep-alive\n\n");
  }

  boolean isOpen() {
    return open;
  }

  /** Ends the stream: the request thread returns and the response completes. */
  void close() {
    open = false;
    closed.countDown();
  }

  /** Blocks the request thread until the connection is closed. */
  void awaitClosed() throws InterruptedException {
    closed.await();
  }

  private boolean write(String text) {
    lock.lock();
    // A write from a thread with its interrupt flag set (a cancelled task's, for instance) is refused by
    // Tomcat's channel; that interrupt is not a request to drop the client's answer.
    boolean interrupted = Thread.interrupted();
    try {
      if (!open) {
        return false;
      }
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
      return true;
    } catch (IOException | IllegalStateException e) {
      close();
      return false;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      lock.unlock();
    }
  }
}
