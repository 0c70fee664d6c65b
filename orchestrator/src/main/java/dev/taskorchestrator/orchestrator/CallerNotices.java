package dev.taskorchestrator.orchestrator;

import java.util.function.BiConsumer;

/**
 * Sends a notice (breaker opened, budget running low) to the MCP client whose spawn caused it, as a
 * logging notification. The client is known on the threads running that spawn, including the threads of
 * its concurrent tool calls.
 */
public final class CallerNotices {

  private static final InheritableThreadLocal<BiConsumer<String, String>> CURRENT = new InheritableThreadLocal<>();

  private CallerNotices() {}

  static void bind(BiConsumer<String, String> notifier) {
    CURRENT.set(notifier);
  }

  static void unbind() {
    CURRENT.remove();
  }

  /** Sends {@code message} at {@code level} (info, warning, error) to the current spawn's client, if any. */
  public static void send(String level, String message) {
    BiConsumer<String, String> n = CURRENT.get();
    if (n != null) {
      try {
        n.accept(level, message);
      } catch (RuntimeException e) {
        // a notice is best effort: a client gone away must not fail the run
      }
    }
  }
}
