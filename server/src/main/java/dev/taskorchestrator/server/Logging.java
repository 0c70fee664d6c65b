package dev.taskorchestrator.server;

import dev.taskorchestrator.redaction.RedactingOutputStream;
import dev.taskorchestrator.redaction.Redactor;
import dev.taskorchestrator.server.log.StderrLog;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The stderr log (stdout is the protocol channel): its level, which may be set again once the
 * configuration is bound, and the redactor that whatever reaches stderr passes first (every log line at
 * every level, stack traces, a library's stray print).
 */
final class Logging {

  private static final AtomicReference<Redactor> REDACTOR = new AtomicReference<>(Redactor.ofDefaults());

  private Logging() {}

  /**
   * {@code stderr} behind the redactor, for {@code System.setErr} before anything logs. The stderr log
   * writes to whatever {@code System.err} is at each line.
   */
  static PrintStream redacting(PrintStream stderr) {
    return new PrintStream(new RedactingOutputStream(stderr, REDACTOR::get), true, StandardCharsets.UTF_8);
  }

  /** From now on stderr is redacted with {@code redactor} (once the configured secrets are known). */
  static void redactWith(Redactor redactor) {
    REDACTOR.set(redactor);
  }

  static void configure(String level) {
    StderrLog.level(level);
  }
}
