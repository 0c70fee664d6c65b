package dev.taskorchestrator.server;

import dev.taskorchestrator.server.stdio.GuardedInput;
import dev.taskorchestrator.server.stdio.StdoutWriter;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
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

  private StartFailureAnswers() {}

  /**
   * Answers with {@code message} until stdin ends, the client is quiet for {@code quiet}, or {@code atMost}
   * has passed. Returns how many requests were answered.
   */
  static int answer(GuardedInput accepted, StdoutWriter out, String message, Duration quiet, Duration atMost)
      throws InterruptedException {
    BlockingQueue<Optional<JsonRpcGate.Verdict.Pass>> messages = new LinkedBlockingQueue<>();
    Thread reader = Thread.ofPlatform().daemon().name("stdin-after-failed-start").start(() -> {
      try {
        for (JsonRpcGate.Verdict.Pass p = accepted.next(); p != null; p = accepted.next()) {
          messages.add(Optional.of(p));
        }
      } catch (IOException e) {
        // stdin gone: nothing more to answer
      }
      messages.add(Optional.empty());
    });
    int answered = 0;
    long deadline = System.nanoTime() + atMost.toNanos();
    while (true) {
      long left = Math.min(quiet.toNanos(), deadline - System.nanoTime());
      Optional<JsonRpcGate.Verdict.Pass> next = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
      if (next == null || next.isEmpty()) {
        break;
      }
      JsonRpcGate.Verdict.Pass p = next.get();
      // initialize may have had its (early) answer already: the client waits for the rest only
      if (p.requestId() != null && !(p.message() instanceof McpSchema.JSONRPCRequest r && accepted.answeredEarly(r.id()))) {
        out.write(JsonRpcGate.errorResponse(p.id(), JsonRpcGate.INTERNAL_ERROR, message));
        answered++;
      }
    }
    reader.interrupt();
    return answered;
  }
}
