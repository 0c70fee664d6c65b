package dev.taskorchestrator.server.config;

/**
 * The whole configuration file, bound from YAML with kebab-case keys. Unknown keys are errors.
 *
 * @param dataDir where the SQLite database lives ({@code $XDG_DATA_HOME/task-orchestrator} by default)
 * @param server transport, binding, limits and shutdown
 * @param logging log level of the stderr log
 * @param providers model providers, in the order of the default chain
 * @param archetypes overrides of the built-in archetypes, and new ones
 * @param toolServers downstream MCP servers agents may use, by name
 * @param telemetry trace export (Langfuse or OTLP), content capture, redaction
 * @param resilience retries, circuit breakers, bulkheads and timeouts
 * @param budget limits, time zone, prices
 * @param patterns ageing, blocking and limits of learned failure patterns
 */
public record OrchestratorConfig(
    String dataDir,
    ServerSettings server,
    LoggingSettings logging,
    java.util.List<dev.taskorchestrator.agents.ProviderConfig> providers,
    java.util.Map<String, dev.taskorchestrator.agents.ArchetypeSettings> archetypes,
    java.util.Map<String, dev.taskorchestrator.agents.ToolServerSettings> toolServers,
    dev.taskorchestrator.telemetry.TelemetryConfig telemetry,
    ResilienceConfig resilience,
    BudgetConfig budget,
    PatternsConfig patterns) {

  public OrchestratorConfig {
    providers = providers == null ? java.util.List.of() : java.util.List.copyOf(providers);
    archetypes = archetypes == null ? java.util.Map.of() : new java.util.LinkedHashMap<>(archetypes);
    toolServers = toolServers == null ? java.util.Map.of() : new java.util.LinkedHashMap<>(toolServers);
    telemetry = telemetry == null ? dev.taskorchestrator.telemetry.TelemetryConfig.empty() : telemetry;
    resilience = resilience == null ? ResilienceConfig.defaults() : resilience;
    budget = budget == null ? BudgetConfig.defaults() : budget;
    patterns = patterns == null ? PatternsConfig.defaults() : patterns;
  }

  /** Defaults for everything; {@code dataDir} resolves from the XDG environment. */
  public static OrchestratorConfig defaults(java.util.function.Function<String, String> env) {
    return new OrchestratorConfig(XdgPaths.dataDir(env).toString(), ServerSettings.defaults(),
        LoggingSettings.defaults(), java.util.List.of(), java.util.Map.of(), java.util.Map.of(),
        dev.taskorchestrator.telemetry.TelemetryConfig.empty(), ResilienceConfig.defaults(), BudgetConfig.defaults(),
        PatternsConfig.defaults());
  }

  /**
   * The {@code logging:} section.
   *
   * @param level {@code error}, {@code warn}, {@code info} (default), {@code debug} or {@code trace}
   */
  public record LoggingSettings(@Allowed(oneOf = {"error", "warn", "info", "debug", "trace"}) String level) {
    public static LoggingSettings defaults() {
      return new LoggingSettings("info");
    }
  }
}
