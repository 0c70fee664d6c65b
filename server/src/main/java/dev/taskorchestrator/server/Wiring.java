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
import java.util.List;
import java.util.function.Function;

/** Builds the orchestrator from the configuration. */
final class Wiring {

  private Wiring() {}

  static Orchestrator orchestrator(OrchestratorConfig config, Database db, Function<String, String> env,
      McpJsonMapper json, Clock clock) {
    Archetypes archetypes = Archetypes.builtIn().with(config.archetypes());
    ProviderRegistry providers = new ProviderRegistry(config.providers(), env, clock);
    McpToolServers toolServers = config.toolServers().isEmpty() ? McpToolServers.none()
        : new McpToolServers(config.toolServers(), json);
    return new Orchestrator(archetypes, providers, toolServers, new SqliteTaskStore(db), List.of(), clock);
  }
}
