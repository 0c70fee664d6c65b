package dev.taskorchestrator.server.http;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.function.BooleanSupplier;

/**
 * The response writer handed to the SDK, writing with the calling thread's interrupt flag cleared.
 *
 * <p>The SDK writes its event streams from Reactor's boundedElastic workers, and Reactor cancels a
 * finished {@code subscribeOn} task with {@code Future.cancel(true)}: now and then that interrupt lands
 * on the worker while it is still sending the answer. Tomcat's NIO channel refuses to write from an
 * interrupted thread ("The current thread was interrupted"); the SDK takes that for a client that went
 * away, completes the response and Tomcat drops the connection in the middle of the chunked stream
 * (the client sees "chunked transfer encoding, state: READING_LENGTH"). The interrupt is Reactor's
 * bookkeeping, not a request to stop, so it must not cost the client its answer; it is restored after
 * each write for whoever wants to see it.
 */
final class UninterruptedWriter extends PrintWriter {

  private final PrintWriter target;

  UninterruptedWriter(PrintWriter target) {
    super(new Writer() {
      @Override
      public void write(char[] chars, int off, int len) {
        uninterrupted(() -> {
          target.write(chars, off, len);
          return true;
        });
      }

      @Override
      public void flush() {
        uninterrupted(() -> {
          target.flush();
          return true;
        });
      }

      @Override
      public void close() {
        uninterrupted(() -> {
          target.close();
          return true;
        });
      }
    });
    this.target = target;
  }

  @Override
  public boolean checkError() {
    boolean own = super.checkError();
    // Tomcat's writer never throws; a failed write shows only in its own error flag.
    return uninterrupted(target::checkError) || own;
  }

  private static boolean uninterrupted(BooleanSupplier io) {
    boolean interrupted = Thread.interrupted();
    try {
      return io.getAsBoolean();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
