package dev.taskorchestrator.resilience.internal;

import dev.taskorchestrator.redaction.Redactor;
import java.util.regex.Pattern;

/**
 * Makes failure messages safe to store and show: secrets that a service or client may echo back are
 * masked by the common shapes of the one {@link Redactor} (the database, the log and every tool result
 * mask the configured secret values too), control characters dropped, and the text truncated.
 */
public final class BreakerMessages {

  /** Longest message kept, in characters. */
  public static final int MAX_LENGTH = 300;

  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t]]+");

  private BreakerMessages() {}

  /** The message with secrets masked, single-line and at most {@link #MAX_LENGTH} chars. */
  public static String redact(String message) {
    if (message == null || message.isBlank()) {
      return "";
    }
    // Redacted before it is flattened and cut, so that a multi-line key is seen whole.
    String s = CONTROL.matcher(Redactor.ofDefaults().redact(message)).replaceAll(" ").strip();
    if (s.length() > MAX_LENGTH) {
      s = s.substring(0, MAX_LENGTH - 1) + "…";
    }
    return s;
  }
}
