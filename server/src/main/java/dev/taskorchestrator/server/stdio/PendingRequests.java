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

  /** Wraps the protocol output so that each response written marks its request answered. */
  public OutputStream tracking(OutputStream out) {
    return new FilterOutputStream(out) {
      private final ByteArrayOutputStream line = new ByteArrayOutputStream();

      @Override
      public void write(int b) throws IOException {
        out.write(b);
        see(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        for (int i = off; i < off + len; i++) {
          see(b[i]);
        }
      }

      private void see(int b) {
        if (b == '\n') {
          responseId(line.toByteArray());
          line.reset();
        } else {
          line.write(b);
        }
      }
    };
  }

  private void responseId(byte[] message) {
    if (ids.isEmpty()) {
      return;
    }
    String id = null;
    boolean isRequest = false;
    try (JsonParser p = MAPPER.createParser(message)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return;
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
      return;
    }
    if (id != null && !isRequest) {
      answered(id);
    }
  }
}
