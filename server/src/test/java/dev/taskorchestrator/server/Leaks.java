package dev.taskorchestrator.server;

import java.util.regex.Pattern;

/** What a message to a client (or a log line) must never contain: stack traces and our class names. */
final class Leaks {

  private static final Pattern LEAK = Pattern.compile(
      "\\tat |\\bat java\\.|\\bat (dev|io|reactor|org)\\.[\\w.$]+\\(|Exception:\\s*\\n\\s*at |\"stackTrace\""
          + "|dev\\.taskorchestrator\\.|io\\.modelcontextprotocol\\.|reactor\\.core\\.|org\\.apache\\.catalina"
          + "|tools\\.jackson\\.|java\\.lang\\.\\w+Exception");

  private Leaks() {}

  static boolean leaks(String text) {
    return LEAK.matcher(text).find();
  }
}
