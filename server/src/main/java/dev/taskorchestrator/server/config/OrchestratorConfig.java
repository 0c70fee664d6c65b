package dev.taskorchestrator.server.config;

/**
 * The whole configuration file, bound from YAML with kebab-case keys. Unknown keys are errors.
 *
 * @param dataDir where the SQLite database lives ({@code $XDG_DATA_HOME/task-orchestrator} by default)
 * @param server transport, binding, limits and shutdown
 * @param logging log level of the stderr log
 */
public record OrchestratorConfig(String dataDir, ServerSettings server, LoggingSettings logging) {

  /** Defaults for everything; {@code dataDir} resolves from the XDG environment. */
  public static OrchestratorConfig defaults(java.util.function.Function<String, String> env) {
    return new OrchestratorConfig(XdgPaths.dataDir(env).toString(), ServerSettings.defaults(),
        LoggingSettings.defaults());
  }

  /**
   * The {@code logging:} section.
   *
   * @param level {@code error}, {@code warn}, {@code info} (default), {@code debug} or {@code trace}
   */
  public record LoggingSettings(String level) {
    public static LoggingSettings defaults() {
      return new LoggingSettings("info");
    }
  }
}
