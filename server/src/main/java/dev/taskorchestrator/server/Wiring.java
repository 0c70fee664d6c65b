package dev.taskorchestrator.server;

import dev.taskorchestrator.agents.Archetypes;
import dev.taskorchestrator.agents.McpToolServers;
import dev.taskorchestrator.orchestrator.Orchestrator;
import dev.taskorchestrator.orchestrator.ProviderRegistry;
import dev.taskorchestrator.orchestrator.SqliteTaskStore;
import dev.taskorchestrator.server.config.OrchestratorConfig;
import dev.taskorchestrator.storage.Database;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.time.Clock;
import dev.taskorchestrator.server.config.ConfigException;
import dev.taskorchestrator.telemetry.Telemetry;
import dev.taskorchestrator.telemetry.TelemetrySettings;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds the orchestrator from the configuration. */
final class Wiring {

  private Wiring() {}

  static Telemetry telemetry(OrchestratorConfig config, Function<String, String> env) {
    Map<String, String> vars = new java.util.HashMap<>(System.getenv());
    for (String key : List.of("LANGFUSE_PUBLIC_KEY", "LANGFUSE_SECRET_KEY", "LANGFUSE_HOST", "LANGFUSE_BASE_URL",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_HEADERS")) {
      String v = env.apply(key);
      if (v != null) {
        vars.put(key, v);
      }
    }
    try {
      return Telemetry.create(TelemetrySettings.resolve(vars, config.telemetry()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("configuration: " + e.getMessage());
    }
  }

  static Orchestrator orchestrator(OrchestratorConfig config, Database db, Function<String, String> env,
      McpJsonMapper json, Telemetry telemetry, Clock clock) {
    Archetypes archetypes = Archetypes.builtIn().with(config.archetypes());
    ProviderRegistry providers = new ProviderRegistry(config.providers(), env, clock);
    McpToolServers toolServers = config.toolServers().isEmpty() ? McpToolServers.none()
        : new McpToolServers(config.toolServers(), json);
    return new Orchestrator(archetypes, providers, toolServers, new SqliteTaskStore(db), List.of(), telemetry, clock);
  }
}
