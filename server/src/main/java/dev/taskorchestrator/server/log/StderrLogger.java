package dev.taskorchestrator.server.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that writes to {@link StderrLog}. */
final class StderrLogger extends LegacyAbstractLogger {

  private static final long serialVersionUID = 1L;

  StderrLogger(String name) {
    this.name = name;
  }

  @Override
  public boolean isTraceEnabled() {
    return StderrLog.enabled(name, Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return StderrLog.enabled(name, Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return StderrLog.enabled(name, Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return StderrLog.enabled(name, Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return StderrLog.enabled(name, Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
      Throwable throwable) {
    var formatted = MessageFormatter.arrayFormat(pattern, arguments, throwable);
    StderrLog.write(name, level, formatted.getMessage() == null ? "" : formatted.getMessage(),
        throwable != null ? throwable : formatted.getThrowable());
  }
}
