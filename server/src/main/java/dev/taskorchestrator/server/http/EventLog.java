package dev.taskorchestrator.server.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The events a session sent lately, so that a client that lost a stream can ask for what it missed
 * ({@code Last-Event-ID} on a GET). Bounded by count and size: the oldest go first.
 */
final class EventLog {

  /** One event; its id is {@code <stream>-<seq>}, unique within the session. */
  record Event(long stream, long seq, String data) {
    String id() {
      return id(stream, seq);
    }

    static String id(long stream, long seq) {
      return stream + "-" + seq;
    }
  }

  /** A parsed event id, or null when {@code id} is not one of ours. */
  record Position(long stream, long seq) {
    static Position parse(String id) {
      int dash = id == null ? -1 : id.indexOf('-');
      if (dash <= 0 || id.length() > 40) {
        return null;
      }
      try {
        long stream = Long.parseLong(id.substring(0, dash));
        long seq = Long.parseLong(id.substring(dash + 1));
        return stream < 0 || seq < 0 ? null : new Position(stream, seq);
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  private final int maxEvents;
  private final long maxChars;
  private final Deque<Event> events = new ArrayDeque<>();
  private long chars;

  EventLog(int maxEvents, long maxChars) {
    this.maxEvents = maxEvents;
    this.maxChars = maxChars;
  }

  synchronized void add(Event e) {
    events.addLast(e);
    chars += e.data().length();
    while (events.size() > maxEvents || (chars > maxChars && events.size() > 1)) {
      chars -= events.removeFirst().data().length();
    }
  }

  /** Takes an event back (it was never delivered and must not be later). */
  synchronized void remove(Event e) {
    if (events.remove(e)) {
      chars -= e.data().length();
    }
  }

  /** The events of {@code stream} after {@code seq}, oldest first. */
  synchronized List<Event> after(long stream, long seq) {
    List<Event> out = new ArrayList<>();
    for (Event e : events) {
      if (e.stream() == stream && e.seq() > seq) {
        out.add(e);
      }
    }
    return out;
  }
}
