package dev.taskorchestrator.server.log;

import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.slf4j.event.Level;

/**
 * java.util.logging (Tomcat, OpenTelemetry's exporters) into {@link StderrLog}: the same line format, the
 * same level, no stack trace below debug, instead of the JDK's two-line console format.
 */
final class JulToStderrHandler extends Handler {

  private static final SimpleFormatter MESSAGES = new SimpleFormatter();
  // java.util.logging keeps loggers weakly: hold the root, or its handler and level are lost to the next GC.
  private static final Logger ROOT = Logger.getLogger("");
  private static volatile boolean installed;

  static synchronized void install() {
    if (!installed) {
      LogManager.getLogManager().reset();
      ROOT.addHandler(new JulToStderrHandler());
      installed = true;
    }
    ROOT.setLevel(switch (StderrLog.threshold()) {
      case ERROR -> java.util.logging.Level.SEVERE;
      case WARN -> java.util.logging.Level.WARNING;
      case INFO -> java.util.logging.Level.INFO;
      case DEBUG -> java.util.logging.Level.FINE;
      case TRACE -> java.util.logging.Level.ALL;
    });
  }

  @Override
  public void publish(LogRecord record) {
    String logger = record.getLoggerName() == null ? "jul" : record.getLoggerName();
    Level level = StderrLog.ceiling(logger, level(record.getLevel()));
    if (StderrLog.enabled(logger, level)) {
      StderrLog.write(logger, level, MESSAGES.formatMessage(record), record.getThrown());
    }
  }

  private static Level level(java.util.logging.Level l) {
    int v = l.intValue();
    return v >= 1000 ? Level.ERROR : v >= 900 ? Level.WARN : v >= 800 ? Level.INFO : v >= 500 ? Level.DEBUG
        : Level.TRACE;
  }

  @Override
  public void flush() {
    System.err.flush();
  }

  @Override
  public void close() {
    // stderr stays open
  }
}
