package dev.taskorchestrator.server.log;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.event.Level;

/**
 * The process's one log: lines on stderr (stdout is the protocol channel), {@code HH:mm:ss.SSS [LEVEL]
 * Logger - message}, each written whole, in the order they were logged. A failure's causes are told on
 * the same line; the stack trace is written only at {@code debug} and {@code trace}, where it is wanted.
 * Every logger of the process ends here: SLF4J through {@link StderrLogProvider}, java.util.logging
 * (Tomcat, OpenTelemetry) through {@link JulToStderrHandler}. The level can change at any time.
 */
public final class StderrLog {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
  /** A qualified class name in a library's message ("java.io.IOException: …"), shortened to its simple name. */
  private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z][\\w$]*\\.)+([A-Z][\\w$]*(?:Exception|Error))");
  /**
   * Libraries whose info lines are their own business (the SDK logs every client's capabilities, every
   * tool server start): at {@code info} they say only warnings. The longest matching prefix wins.
   */
  private static final Map<String, Level> QUIETER_AT_INFO = Map.of(
      "io.modelcontextprotocol", Level.WARN,
      // The SDK warns on every notifications/cancelled it cannot handle; that is noise, not news.
      "io.modelcontextprotocol.spec.McpServerSession", Level.ERROR,
      "org.apache", Level.WARN,
      "io.opentelemetry", Level.WARN);

  /** The JDK's own loggers (ProcessBuilder logs every process start with a made-up trace at debug). */
  private static final java.util.List<String> JDK = java.util.List.of("java.", "javax.", "jdk.", "sun.");

  private static volatile Level threshold = Level.INFO;

  private StderrLog() {}

  /** Sets the level: {@code error}, {@code warn}, {@code info}, {@code debug} or {@code trace}. */
  public static void level(String level) {
    threshold = Level.valueOf(level.toUpperCase(Locale.ROOT));
    JulToStderrHandler.install();
  }

  static Level threshold() {
    return threshold;
  }

  /** Whether {@code logger} writes lines of {@code level}. */
  public static boolean enabled(String logger, Level level) {
    Level limit = threshold;
    if (limit != Level.TRACE && JDK.stream().anyMatch(logger::startsWith)) {
      return level.toInt() >= Level.WARN.toInt();
    }
    if (limit == Level.INFO || limit == Level.WARN || limit == Level.ERROR) {
      Level own = quieter(logger);
      if (own != null && own.toInt() > limit.toInt()) {
        limit = own;
      }
    }
    return level.toInt() >= limit.toInt();
  }

  private static Level quieter(String logger) {
    String best = null;
    for (String prefix : QUIETER_AT_INFO.keySet()) {
      if ((logger.equals(prefix) || logger.startsWith(prefix + ".")) && (best == null || prefix.length() > best.length())) {
        best = prefix;
      }
    }
    return best == null ? null : QUIETER_AT_INFO.get(best);
  }

  /**
   * The level a library's record is told at: OpenTelemetry reports a failed export as SEVERE, but the
   * server goes on and the spans are counted as dropped, so for the server it is a warning.
   */
  static Level ceiling(String logger, Level level) {
    return level == Level.ERROR && logger.startsWith("io.opentelemetry") ? Level.WARN : level;
  }

  /** Writes one line (and, at debug or trace, the stack trace of {@code thrown}). */
  public static void write(String logger, Level level, String message, Throwable thrown) {
    String shortName = logger.substring(logger.lastIndexOf('.') + 1);
    StringBuilder line = new StringBuilder(64 + message.length())
        .append(LocalTime.now().format(TIME)).append(" [").append(level).append("] ").append(shortName)
        .append(" - ").append(oneLine(message));
    boolean trace = thrown != null && threshold.toInt() <= Level.DEBUG.toInt();
    if (thrown != null && !trace) {
      line.append(" (").append(causes(thrown)).append(')');
    }
    PrintStream err = System.err;
    synchronized (err) {
      err.println(line);
      if (trace) {
        thrown.printStackTrace(err);
      }
    }
  }

  /** The distinct messages of a failure and its causes, joined: what happened, without where in the code. */
  static String causes(Throwable thrown) {
    Set<String> parts = new LinkedHashSet<>();
    List<Throwable> seen = new ArrayList<>();
    for (Throwable t = thrown; t != null && !seen.contains(t) && seen.size() < 8; t = t.getCause()) {
      seen.add(t);
      String m = t.getMessage();
      parts.add(m == null || m.isBlank() ? t.getClass().getSimpleName() : oneLine(m));
    }
    return QUALIFIED.matcher(String.join("; ", parts)).replaceAll("$1");
  }

  private static String oneLine(String message) {
    return message.indexOf('\n') < 0 ? message : String.join(" | ", message.strip().lines().map(String::strip).toList());
  }
}
