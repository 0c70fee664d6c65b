package dev.taskorchestrator.server;

import java.util.logging.Level;

/**
 * Sets up the stderr log before the first logger exists. slf4j-simple reads these properties once;
 * Tomcat logs through java.util.logging, which is quieted to warnings.
 */
final class Logging {

  // java.util.logging keeps loggers weakly: hold it, or its level is lost to the next GC.
  private static final java.util.logging.Logger TOMCAT = java.util.logging.Logger.getLogger("org.apache");

  private Logging() {}

  static void configure(String level) {
    setDefault("org.slf4j.simpleLogger.logFile", "System.err");
    setDefault("org.slf4j.simpleLogger.defaultLogLevel", level);
    setDefault("org.slf4j.simpleLogger.showDateTime", "true");
    setDefault("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    setDefault("org.slf4j.simpleLogger.showThreadName", "false");
    setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
    setDefault("org.slf4j.simpleLogger.levelInBrackets", "true");
    // The SDK warns on every notifications/cancelled it cannot handle; that is noise, not news.
    setDefault("org.slf4j.simpleLogger.log.io.modelcontextprotocol.spec.McpServerSession", "error");
    TOMCAT.setLevel(Level.WARNING);
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
