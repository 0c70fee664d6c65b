package dev.taskorchestrator.server.stdio;

import dev.taskorchestrator.server.JsonRpcGate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stdin as the transport reads it: one message at a time, each one that passed the {@link JsonRpcGate}.
 * Bad lines are answered here, on the same writer the answers go to; a line over the size limit is
 * skipped as it streams by, never held whole. End of input is reported to {@code onEof} once.
 */
public final class GuardedInput {

  private static final Logger log = LoggerFactory.getLogger(GuardedInput.class);

  private final InputStream in;
  private final StdoutWriter out;
  private final JsonRpcGate gate;
  private final Runnable onEof;
  private volatile int maxLineBytes;
  private final byte[] chunk = new byte[8192];
  private int chunkPos;
  private int chunkLen;
  private boolean eof;
  private boolean initializeSeen;
  private final Object readLock = new Object();
  private final CountDownLatch firstMessageHandled = new CountDownLatch(1);
  private volatile Function<String, String> earlyAnswer;
  private volatile Object answeredEarly;
  private JsonRpcGate.Verdict.Pass prefetched;
  private IOException prefetchFailure;

  public GuardedInput(InputStream in, StdoutWriter out, JsonRpcGate gate, int maxLineBytes, Runnable onEof) {
    this.in = in;
    this.out = out;
    this.gate = gate;
    this.maxLineBytes = maxLineBytes;
    this.onEof = onEof;
  }

  /** Sets the largest accepted line; the configuration is bound after the first line may have been read. */
  public void maxLineBytes(int limit) {
    maxLineBytes = limit;
  }

  /**
   * Answers {@code initialize} as soon as it arrives, before the server behind has finished starting.
   * A thread reads the first message now; if it is {@code initialize}, {@code answer} (given the line)
   * gives the response, written at once; the server's own answer to it is to be dropped
   * ({@link #answeredEarly}). The answer is static (server info, capabilities, the negotiated version).
   * Call once, before the first {@link #next()}.
   */
  public void answerInitializeEarly(Function<String, String> answer) {
    earlyAnswer = answer;
    Thread.ofPlatform().daemon().name("stdin-first-message").start(() -> {
      synchronized (readLock) {
        try {
          prefetched = nextAccepted();
        } catch (IOException e) {
          prefetchFailure = e;
        } finally {
          firstMessageHandled.countDown();
        }
      }
    });
  }

  /** Leaves an {@code initialize} not yet read to whoever reads next (the server could not start). */
  public void cancelEarlyAnswer() {
    earlyAnswer = null;
  }

  /**
   * Waits until the first message has been read and, if it was {@code initialize}, answered, or until
   * {@code timeout}; so that the start-up work after it does not compete with that answer for the CPU.
   */
  public void awaitFirstMessage(Duration timeout) throws InterruptedException {
    firstMessageHandled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether the answer to request {@code id} was given early, so the server's own must be dropped (once). */
  public boolean answeredEarly(Object id) {
    Object early = answeredEarly;
    if (early != null && early.equals(id)) {
      answeredEarly = null;
      return true;
    }
    return false;
  }

  /** The next message that passed the gate, or null at the end of input (after {@code onEof} ran). */
  public JsonRpcGate.Verdict.Pass next() throws IOException {
    synchronized (readLock) {
      if (prefetchFailure != null) {
        IOException e = prefetchFailure;
        prefetchFailure = null;
        throw e;
      }
      if (prefetched != null) {
        JsonRpcGate.Verdict.Pass p = prefetched;
        prefetched = null;
        return p;
      }
      return eof ? null : nextAccepted();
    }
  }

  /** Reads lines until one passes the gate; null at end of input. */
  private JsonRpcGate.Verdict.Pass nextAccepted() throws IOException {
    while (true) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int status = readLine(line);
      if (status == EOF && line.size() == 0) {
        eof = true;
        onEof.run();
        return null;
      }
      if (status == TOO_LONG) {
        out.write(JsonRpcGate.errorResponse(null, JsonRpcGate.INVALID_REQUEST,
            "Invalid Request: message larger than " + maxLineBytes + " bytes"));
        continue;
      }
      String text = line.toString(StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        continue;
      }
      switch (gate.check(text)) {
        case JsonRpcGate.Verdict.Pass p when !initializeSeen && p.requestId() != null
            && !"initialize".equals(p.method()) -> out.write(beforeInitialize(p));
        case JsonRpcGate.Verdict.Pass p -> {
          initializeSeen |= "initialize".equals(p.method());
          answerEarly(p, text);
          return p;
        }
        case JsonRpcGate.Verdict.Reject r -> out.write(r.response());
        case JsonRpcGate.Verdict.Drop d -> log.debug("stdio: dropped a message: {}", d.reason());
      }
    }
  }

  /**
   * The answer to a request sent before {@code initialize}. The SDK would hold it, unanswered, until an
   * {@code initialize} that may never come (and a stop would wait for it); the spec allows only pings
   * before initialisation, so a ping is answered and anything else refused.
   */
  private static String beforeInitialize(JsonRpcGate.Verdict.Pass request) {
    if ("ping".equals(request.method())) {
      return JsonRpcGate.emptyResult(request.id());
    }
    return JsonRpcGate.errorResponse(request.id(), JsonRpcGate.INVALID_REQUEST,
        "Invalid Request: the session is not initialized; send \"initialize\" first");
  }

  private void answerEarly(JsonRpcGate.Verdict.Pass p, String text) {
    var answer = earlyAnswer;
    earlyAnswer = null;
    if (answer == null || !"initialize".equals(p.method()) || p.requestId() == null) {
      return;
    }
    String response = answer.apply(text);
    if (response != null) {
      answeredEarly = ((io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest) p.message()).id();
      out.write(response);
    }
  }

  private static final int LINE = 0;
  private static final int EOF = 1;
  private static final int TOO_LONG = 2;

  private int readLine(ByteArrayOutputStream line) throws IOException {
    boolean tooLong = false;
    while (true) {
      if (chunkPos >= chunkLen) {
        chunkLen = in.read(chunk);
        chunkPos = 0;
        if (chunkLen <= 0) {
          chunkLen = 0;
          return tooLong ? TOO_LONG : EOF;
        }
      }
      int start = chunkPos;
      while (chunkPos < chunkLen && chunk[chunkPos] != '\n') {
        chunkPos++;
      }
      if (!tooLong) {
        line.write(chunk, start, chunkPos - start);
        if (line.size() > maxLineBytes) {
          tooLong = true;
          line.reset();
        }
      }
      if (chunkPos < chunkLen) {
        chunkPos++; // the newline
        return tooLong ? TOO_LONG : LINE;
      }
    }
  }
}
