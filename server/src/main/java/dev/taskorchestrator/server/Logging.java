package dev.taskorchestrator.server;

import dev.taskorchestrator.redaction.RedactingOutputStream;
import dev.taskorchestrator.redaction.Redactor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;

/**
 * Sets up the stderr log before the first logger exists. slf4j-simple reads these properties once;
 * Tomcat logs through java.util.logging, which is quieted to warnings. Whatever reaches stderr (every log
 * line at every level, stack traces, a library's stray print) passes the server's redactor first.
 */
final class Logging {

  private static final AtomicReference<Redactor> REDACTOR = new AtomicReference<>(Redactor.ofDefaults());

  // java.util.logging keeps loggers weakly: hold it, or its level is lost to the next GC. Made in configure,
  // not when this class loads, so that java.util.logging's console handler is made after stderr is redacted.
  private static java.util.logging.Logger tomcat;

  private Logging() {}

  /**
   * {@code stderr} behind the redactor, for {@code System.setErr} before anything logs. slf4j-simple writes to
   * whatever {@code System.err} is at each line.
   */
  static PrintStream redacting(PrintStream stderr) {
    return new PrintStream(new RedactingOutputStream(stderr, REDACTOR::get), true, StandardCharsets.UTF_8);
  }

  /** From now on stderr is redacted with {@code redactor} (once the configured secrets are known). */
  static void redactWith(Redactor redactor) {
    REDACTOR.set(redactor);
  }

  static synchronized void configure(String level) {
    setDefault("org.slf4j.simpleLogger.logFile", "System.err");
    setDefault("org.slf4j.simpleLogger.defaultLogLevel", level);
    setDefault("org.slf4j.simpleLogger.showDateTime", "true");
    setDefault("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    setDefault("org.slf4j.simpleLogger.showThreadName", "false");
    setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
    setDefault("org.slf4j.simpleLogger.levelInBrackets", "true");
    // The SDK warns on every notifications/cancelled it cannot handle; that is noise, not news.
    setDefault("org.slf4j.simpleLogger.log.io.modelcontextprotocol.spec.McpServerSession", "error");
    if (tomcat == null) {
      tomcat = java.util.logging.Logger.getLogger("org.apache");
    }
    tomcat.setLevel(Level.WARNING);
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
