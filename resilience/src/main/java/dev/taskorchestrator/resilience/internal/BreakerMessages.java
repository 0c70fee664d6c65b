package dev.taskorchestrator.resilience.internal;

import java.util.regex.Pattern;

/**
 * Makes failure messages safe to store and show: secrets that a service or client may echo back
 * (bearer tokens, API keys, {@code key=value} credentials) are masked, control characters dropped,
 * and the text truncated.
 */
public final class BreakerMessages {

  /** Longest message kept, in characters. */
  public static final int MAX_LENGTH = 300;

  private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{6,}");
  private static final Pattern KEY_PREFIX = Pattern.compile("\\b(sk|pk|rk|ak)-[A-Za-z0-9_-]{6,}");
  private static final Pattern NAMED_SECRET = Pattern.compile(
      "(?i)\\b([a-z0-9_-]*(?:api[_-]?key|token(?!s)|secret|password|authorization)[a-z0-9_-]*)"
          + "(\"?\\s*[:=]\\s*\"?)((?:bearer\\s+|basic\\s+)?[^\\s\"',;&}]+)");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t]]+");

  private BreakerMessages() {}

  /** The message with secrets masked as {@code ***}, single-line and at most {@link #MAX_LENGTH} chars. */
  public static String redact(String message) {
    if (message == null || message.isBlank()) {
      return "";
    }
    String s = CONTROL.matcher(message).replaceAll(" ").strip();
    s = NAMED_SECRET.matcher(s).replaceAll("$1$2***");
    s = BEARER.matcher(s).replaceAll("$1 ***");
    s = KEY_PREFIX.matcher(s).replaceAll("$1-***");
    if (s.length() > MAX_LENGTH) {
      s = s.substring(0, MAX_LENGTH - 1) + "…";
    }
    return s;
  }
}
