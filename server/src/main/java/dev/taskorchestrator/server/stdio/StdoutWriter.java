package dev.taskorchestrator.server.stdio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the protocol channel: every line, from any number of threads at once, is queued and
 * written whole by one thread, in order, and flushed once the queue is empty. Nothing is dropped under
 * load (the SDK's stdio transport drops a message it cannot emit within 100 ms, and stops answering), and
 * a client slow to read never blocks the threads that answer.
 */
public final class StdoutWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StdoutWriter.class);
  private static final byte[] END = new byte[0];

  private final OutputStream out;
  private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean broken;

  public StdoutWriter(OutputStream out) {
    this.out = out;
    this.thread = Thread.ofPlatform().daemon().name("stdout-writer").start(this::run);
  }

  /** Queues one message; {@code line} must hold no line break (serialised JSON holds none). */
  public void write(String line) {
    byte[] text = line.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[text.length + 1];
    System.arraycopy(text, 0, bytes, 0, text.length);
    bytes[text.length] = '\n';
    queue.add(bytes);
  }

  private void run() {
    try {
      for (byte[] line = queue.take(); line != END; line = queue.take()) {
        if (broken) {
          continue;
        }
        try {
          out.write(line);
          if (queue.isEmpty()) {
            out.flush();
          }
          if (out instanceof java.io.PrintStream p && p.checkError()) {
            throw new IOException("the PrintStream reports an error");
          }
        } catch (IOException e) {
          broken = true;
          log.debug("stdout closed; further answers are dropped: {}", e.toString());
        }
      }
      out.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      log.debug("stdout closed while flushing: {}", e.toString());
    }
  }

  /** Writes what is queued, then stops; waits up to {@code timeout} for that. */
  public void close(Duration timeout) throws InterruptedException {
    queue.add(END);
    thread.join(timeout);
  }

  @Override
  public void close() throws InterruptedException {
    close(Duration.ofSeconds(5));
  }
}
