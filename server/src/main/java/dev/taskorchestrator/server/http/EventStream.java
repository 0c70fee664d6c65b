package dev.taskorchestrator.server.http;

import java.time.Duration;

/**
 * One stream of a session's events, as the client resumes it: a POST request's (its progress, its server
 * requests, its answer) or the session's listening stream (everything outside a request). Every event is
 * logged first and then written to the connection attached, if any; a connection that breaks is dropped,
 * and the client gets what it missed by attaching a new one ({@code Last-Event-ID}).
 */
final class EventStream {

  private final long id;
  private final EventLog log;
  private long seq;
  private long delivered;
  private SseConnection connection;
  private boolean finished;

  EventStream(long id, EventLog log) {
    this.id = id;
    this.log = log;
  }

  long id() {
    return id;
  }

  /** Logs the event and sends it on the connection attached; null when the stream has finished. */
  synchronized EventLog.Event append(String json) {
    if (finished) {
      return null;
    }
    EventLog.Event e = new EventLog.Event(id, ++seq, json);
    log.add(e);
    if (connection != null) {
      if (connection.send(e.id(), json)) {
        delivered = e.seq();
      } else {
        connection = null;
      }
    }
    notifyAll();
    return e;
  }

  /**
   * Attaches {@code c}: first every event after {@code after} (after what was last delivered when it is
   * negative), then the live ones. A finished stream only replays: the caller ends the response then.
   */
  synchronized void attach(SseConnection c, long after) {
    if (connection != null && connection != c) {
      connection.close();
    }
    connection = null;
    for (EventLog.Event e : log.after(id, after < 0 ? delivered : after)) {
      if (!c.send(e.id(), e.data())) {
        return;
      }
      delivered = Math.max(delivered, e.seq());
    }
    if (!finished) {
      connection = c;
    }
    notifyAll();
  }

  /** The id to prime a new connection with: resuming from it gives what {@link #attach} would send. */
  synchronized String primingId(long after) {
    return EventLog.Event.id(id, after < 0 ? delivered : after);
  }

  /** Whether events after {@code after} are still to be had. */
  synchronized boolean hasAfter(long after) {
    return !log.after(id, after).isEmpty();
  }

  /** Waits until {@code e} went out on a connection, for at most {@code wait}; else withdraws it. */
  synchronized boolean awaitDelivered(EventLog.Event e, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (delivered < e.seq()) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || finished) {
        log.remove(e);
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  synchronized boolean hasConnection() {
    return connection != null && connection.isOpen();
  }

  synchronized boolean finished() {
    return finished;
  }

  /** Sends a keep-alive comment on the connection, dropping it when the client is gone. */
  synchronized void heartbeat() {
    if (connection != null && !connection.heartbeat()) {
      connection = null;
    }
  }

  /** Appends the stream's last event (a request's answer) and finishes it, in one step. */
  synchronized void appendLast(String json) {
    append(json);
    finish();
  }

  /** No more events: the connection attached is closed. */
  synchronized void finish() {
    finished = true;
    if (connection != null) {
      connection.close();
      connection = null;
    }
    notifyAll();
  }
}
