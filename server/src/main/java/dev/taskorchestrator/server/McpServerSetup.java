package dev.taskorchestrator.server;

import dev.taskorchestrator.server.config.ServerSettings;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import dev.taskorchestrator.tools.McpFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;

/** Builds the MCP server the same way for every transport. */
final class McpServerSetup {

  static final String NAME = "task-orchestrator";

  static final String INSTRUCTIONS = """
      Task Orchestrator runs specialist sub-agents (researcher, architect, builder, qc) for you, safely: \
      before any model is called it checks the money budget, the circuit breakers of providers and tools, \
      and failure patterns it has learned. Results are structured; a refusal is a tool result with \
      isError true and a reason you can act on (for example budget_exceeded or circuit_open with \
      retry_after_seconds). Logs go to stderr, never to this channel.""";

  private McpServerSetup() {}

  static McpSyncServer build(McpServer.SyncSpecification<?> spec, McpJsonMapper json, ServerSettings settings,
      McpFeatures features) {
    return spec
        .serverInfo(NAME, Version.current())
        .instructions(INSTRUCTIONS)
        .jsonMapper(json)
        .capabilities(ServerCapabilities.builder()
            .tools(true)
            .resources(false, true)
            .prompts(true)
            .logging()
            .completions()
            .build())
        // Sampling waits on the client's model; the sync default of 10 s is far too short.
        .requestTimeout(settings.requestTimeout())
        .tools(features.tools())
        .resources(features.resources())
        .resourceTemplates(features.resourceTemplates())
        .prompts(features.prompts())
        .completions(features.completions())
        .build();
  }
}
