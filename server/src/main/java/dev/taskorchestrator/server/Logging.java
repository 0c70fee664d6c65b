package dev.taskorchestrator.server;

import dev.taskorchestrator.server.log.StderrLog;

/** The stderr log's level (stdout is the protocol channel); may be set again once the configuration is bound. */
final class Logging {

  private Logging() {}

  static void configure(String level) {
    StderrLog.level(level);
  }
}
