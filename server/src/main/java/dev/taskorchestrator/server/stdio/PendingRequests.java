package dev.taskorchestrator.server.stdio;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client requests that have not been answered yet, so that a stop can wait for them: ids are
 * added as requests pass the gate and removed as their responses are written to stdout.
 */
public final class PendingRequests {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final Set<String> ids = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();

  void started(String id) {
    ids.add(id);
  }

  void answered(String id) {
    if (ids.remove(id)) {
      synchronized (lock) {
        lock.notifyAll();
      }
    }
  }

  public int count() {
    return ids.size();
  }

  /** Waits until every pending request is answered or {@code grace} has passed; true if none is left. */
  public boolean awaitNone(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    synchronized (lock) {
      while (!ids.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
    }
    return true;
  }

  /**
   * Drops the next response with {@code id} written to the {@link #tracking} stream: its request was
   * answered already (the early answer to {@code initialize}), and the SDK answers it again.
   */
  void suppressNextAnswer(String id) {
    suppressed = id;
  }

  private volatile String suppressed;

  /**
   * Wraps the protocol output so that each response written marks its request answered. Whole lines
   * are passed on, each in one write.
   */
  public OutputStream tracking(OutputStream out) {
    return new FilterOutputStream(out) {
      private final ByteArrayOutputStream line = new ByteArrayOutputStream();

      @Override
      public void write(int b) throws IOException {
        see(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
          see(b[i]);
        }
      }

      private void see(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
          byte[] message = line.toByteArray();
          line.reset();
          Answer answer = answerIn(message);
          String drop = suppressed;
          if (drop != null && answer != null && drop.equals(answer.id())) {
            suppressed = null;
            return;
          }
          out.write(message);
          if (answer != null) {
            answered(answer.id());
          }
        }
      }
    };
  }

  private record Answer(String id) {}

  /** The id of the response in {@code message}, or null when it is not a response (or none is waited for). */
  private Answer answerIn(byte[] message) {
    if (ids.isEmpty() && suppressed == null) {
      return null;
    }
    String id = responseId(message);
    return id == null ? null : new Answer(id);
  }

  private static String responseId(byte[] message) {
    String id = null;
    boolean isRequest = false;
    try (JsonParser p = MAPPER.createParser(message)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("id")) {
          id = p.getString();
        } else if (name.equals("method")) {
          isRequest = true;
        }
        p.skipChildren();
      }
    } catch (JacksonException e) {
      return null;
    }
    return isRequest ? null : id;
  }
}
