package dev.taskorchestrator.server.config;

/**
 * Invalid configuration. The message is one line that names the key, the bad value, where it came
 * from and what is allowed; the command line prints it and exits with status 2.
 */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message, null, false, false);
  }

  static ConfigException badValue(String key, Object value, String origin, String allowed) {
    return new ConfigException("configuration: " + key + " = '" + value + "'" + origin + " is not allowed; "
        + allowed);
  }

  /** Like {@link #badValue} for a value that may be a secret pasted in the wrong place: it is not echoed. */
  static ConfigException badHiddenValue(String key, String origin, String allowed) {
    return new ConfigException("configuration: " + key + " (value not shown)" + origin + " is not allowed; " + allowed);
  }
}
