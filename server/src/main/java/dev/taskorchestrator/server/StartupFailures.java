package dev.taskorchestrator.server;

import dev.taskorchestrator.server.config.OrchestratorConfig;
import java.net.BindException;

/** An unexpected failure of a command, in one line a user can act on: no class names, no stack trace. */
final class StartupFailures {

  private StartupFailures() {}

  static String describe(Throwable e, OrchestratorConfig config) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        var s = config.server();
        return "cannot listen on " + s.host() + ":" + s.port() + " (" + (t.getMessage() == null ? "address in use"
            : t.getMessage().toLowerCase(java.util.Locale.ROOT)) + "); choose another port with --port or "
            + "server.port (0 picks a free one), or stop what uses it";
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null || root.getMessage().isBlank() ? null
        : root.getMessage().lines().findFirst().orElse("");
    return message != null ? message
        : "unexpected " + root.getClass().getSimpleName() + " (logging.level: debug shows where)";
  }
}
