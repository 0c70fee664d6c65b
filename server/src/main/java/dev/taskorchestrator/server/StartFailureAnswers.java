package dev.taskorchestrator.server;

import io.modelcontextprotocol.json.McpJsonDefaults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * When the server cannot start after the stdio side already answered {@code initialize} (the early
 * answer), the client is waiting for its next answers: each request it sent, and each it sends until it
 * closes stdin or is quiet for a moment, is answered with a JSON-RPC error that says why, so that the
 * client shows the reason instead of a timeout. Then the process exits.
 */
final class StartFailureAnswers {

  /** How long the client may be silent before the server stops waiting for more requests. */
  static final Duration QUIET = Duration.ofSeconds(1);
  /** The longest the server answers requests it cannot serve. */
  static final Duration AT_MOST = Duration.ofSeconds(10);

  private static final String END = "";

  private StartFailureAnswers() {}

  /**
   * Answers with {@code message} until stdin ends, the client is quiet for {@code quiet}, or {@code atMost}
   * has passed. Returns how many requests were answered.
   */
  static int answer(InputStream accepted, OutputStream out, String message, Duration quiet, Duration atMost)
      throws InterruptedException {
    JsonRpcGate gate = new JsonRpcGate(McpJsonDefaults.getMapper());
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = Thread.ofPlatform().daemon().name("stdin-after-failed-start").start(() -> {
      try {
        for (String line = readLine(accepted); line != null; line = readLine(accepted)) {
          lines.add(line);
        }
      } catch (IOException e) {
        // stdin gone: nothing more to answer
      }
      lines.add(END);
    });
    int answered = 0;
    long deadline = System.nanoTime() + atMost.toNanos();
    while (true) {
      long left = Math.min(quiet.toNanos(), deadline - System.nanoTime());
      String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
      if (line == null || line.equals(END)) {
        break;
      }
      if (gate.check(line) instanceof JsonRpcGate.Verdict.Pass p && p.requestId() != null) {
        write(out, JsonRpcGate.errorResponse(p.id(), JsonRpcGate.INTERNAL_ERROR, message));
        answered++;
      }
    }
    reader.interrupt();
    return answered;
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') {
        return line.toString(StandardCharsets.UTF_8);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
  }

  private static void write(OutputStream out, String response) {
    // The stdio side writes its own answers on this same object.
    synchronized (out) {
      try {
        out.write((response + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException e) {
        // the client is gone
      }
    }
  }
}
