package dev.taskorchestrator.server.stdio;

import dev.taskorchestrator.server.JsonRpcGate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stdin the SDK reads: only lines that passed the {@link JsonRpcGate}. Bad lines are answered
 * here, on the same stdout the SDK writes to; a line over the size limit is skipped as it streams by,
 * never held whole. End of input is reported to {@code onEof} once.
 */
public final class GuardedInput extends InputStream {

  private static final Logger log = LoggerFactory.getLogger(GuardedInput.class);

  private final InputStream in;
  private final OutputStream out;
  private final JsonRpcGate gate;
  private volatile int maxLineBytes;
  private final Runnable onEof;
  private final PendingRequests pending;
  private final byte[] chunk = new byte[8192];
  private int chunkPos;
  private int chunkLen;
  private byte[] current = new byte[0];
  private int pos;
  private boolean eof;
  private boolean initializeSeen;
  private final Object readLock = new Object();
  private final java.util.concurrent.CountDownLatch firstMessageHandled = new java.util.concurrent.CountDownLatch(1);
  private volatile java.util.function.Function<String, String> earlyAnswer;
  private volatile IOException prefetchFailure;
  private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

  public GuardedInput(InputStream in, OutputStream out, JsonRpcGate gate, int maxLineBytes,
      PendingRequests pending, Runnable onEof) {
    this.in = in;
    this.pending = pending;
    this.out = out;
    this.gate = gate;
    this.maxLineBytes = maxLineBytes;
    this.onEof = onEof;
  }

  /** Sets the largest accepted line; the configuration is bound after the first line may have been read. */
  public void maxLineBytes(int limit) {
    maxLineBytes = limit;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  /**
   * Answers {@code initialize} as soon as it arrives, before the server behind has finished starting.
   * A thread reads the first message now; if it is {@code initialize}, {@code answer} (given the line)
   * writes the response, and the SDK's own answer to it, which it sends once it is running, is dropped.
   * The answer is static (server info, capabilities, the negotiated version), so nothing needs to wait.
   * Call once, before the SDK reads.
   */
  public void answerInitializeEarly(java.util.function.Function<String, String> answer) {
    earlyAnswer = answer;
    Thread.ofPlatform().daemon().name("stdin-first-message").start(() -> {
      synchronized (readLock) {
        try {
          if (!eof && pos >= current.length) {
            nextAcceptedLine();
          }
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
  public void awaitFirstMessage(java.time.Duration timeout) throws InterruptedException {
    firstMessageHandled.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    synchronized (readLock) {
      if (prefetchFailure != null) {
        IOException e = prefetchFailure;
        prefetchFailure = null;
        throw e;
      }
      return readLocked(b, off, len);
    }
  }

  private int readLocked(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (pos >= current.length) {
      if (eof || !nextAcceptedLine()) {
        return -1;
      }
    }
    int n = Math.min(len, current.length - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    return n;
  }

  /** Reads lines until one passes the gate; false at end of input. */
  private boolean nextAcceptedLine() throws IOException {
    while (true) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int status = readLine(line);
      if (status == EOF && line.size() == 0) {
        eof = true;
        onEof.run();
        awaitRelease();
        return false;
      }
      if (status == TOO_LONG) {
        answer(JsonRpcGate.errorResponse(null, JsonRpcGate.INVALID_REQUEST,
            "Invalid Request: message larger than " + maxLineBytes + " bytes"));
        continue;
      }
      String text = line.toString(StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        continue;
      }
      switch (gate.check(text)) {
        case JsonRpcGate.Verdict.Pass p when !initializeSeen && p.requestId() != null
            && !"initialize".equals(p.method()) -> answer(beforeInitialize(p));
        case JsonRpcGate.Verdict.Pass p -> {
          initializeSeen |= "initialize".equals(p.method());
          if (p.requestId() != null) {
            pending.started(p.requestId());
          }
          current = (text + "\n").getBytes(StandardCharsets.UTF_8);
          pos = 0;
          answerEarly(p, text);
          return true;
        }
        case JsonRpcGate.Verdict.Reject r -> answer(r.response());
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

  private void answerEarly(JsonRpcGate.Verdict.Pass p, String text) throws IOException {
    var answer = earlyAnswer;
    earlyAnswer = null;
    if (answer == null || !"initialize".equals(p.method()) || p.requestId() == null) {
      return;
    }
    String response = answer.apply(text);
    if (response != null) {
      answer(response);
      pending.suppressNextAnswer(p.requestId());
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

  /**
   * Lets the end of input through to the SDK. Until then the SDK is kept reading, because it stops
   * writing responses the moment it sees the end, and the requests still running must be answered.
   */
  public void release() {
    released.countDown();
  }

  private void awaitRelease() throws IOException {
    try {
      released.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted at end of input");
    }
  }

  private void answer(String response) throws IOException {
    // The SDK serialises its own writes on this same object.
    synchronized (out) {
      out.write(response.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
      out.flush();
    }
  }
}
