package dev.taskorchestrator.server.log;

import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of the server (found through {@code META-INF/services}): every library's SLF4J logger
 * writes to {@link StderrLog}. It replaces slf4j-simple, which prints every logged failure's stack trace
 * and takes its level once, when the first logger is made.
 */
public final class StderrLogProvider implements SLF4JServiceProvider {

  private ILoggerFactory loggers;
  private IMarkerFactory markers;
  private MDCAdapter mdc;

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    ConcurrentHashMap<String, StderrLogger> made = new ConcurrentHashMap<>();
    loggers = name -> made.computeIfAbsent(name, StderrLogger::new);
    markers = new BasicMarkerFactory();
    mdc = new NOPMDCAdapter();
  }
}
