package dev.taskorchestrator.server;

import dev.taskorchestrator.server.config.ServerSettings;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import dev.taskorchestrator.tools.McpFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import java.io.IOException;
import java.util.List;

/** Builds the MCP server the same way for every transport. */
final class McpServerSetup {

  static final String NAME = "task-orchestrator";

  static final String INSTRUCTIONS = """
      Task Orchestrator runs specialist sub-agents (researcher, architect, builder, qc) for you, safely: \
      before any model is called it checks the money budget, the circuit breakers of providers and tools, \
      and failure patterns it has learned. Results are structured; a refusal is a tool result with \
      isError true and a reason you can act on (for example budget_exceeded or circuit_open with \
      retry_after_seconds). Logs go to stderr, never to this channel.""";

  /**
   * The protocol revisions both transports negotiate, oldest first: a client's version is echoed when it
   * is one of these, else the newest is answered (the SDK's HTTP transport alone would refuse 2024-11-05).
   */
  static final List<String> PROTOCOL_VERSIONS = List.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");

  private McpServerSetup() {}

  static ServerCapabilities capabilities() {
    return ServerCapabilities.builder()
        .tools(true)
        .resources(false, true)
        .prompts(true)
        .logging()
        .completions()
        .build();
  }

  /**
   * The answer the SDK gives to {@code initialize} (same negotiation: the client's version if
   * supported, else the latest), computed without the server; null if the request cannot be read, in
   * which case the SDK answers it.
   */
  static String initializeResponse(McpJsonMapper json, String line) {
    try {
      var request = json.readValue(line, McpSchema.JSONRPCRequest.class);
      var init = json.convertValue(request.params(), McpSchema.InitializeRequest.class);
      String version = PROTOCOL_VERSIONS.contains(init.protocolVersion()) ? init.protocolVersion()
          : PROTOCOL_VERSIONS.get(PROTOCOL_VERSIONS.size() - 1);
      var result = new McpSchema.InitializeResult(version, capabilities(),
          new McpSchema.Implementation(NAME, Version.current()), INSTRUCTIONS);
      return json.writeValueAsString(new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, request.id(),
          result, null));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static McpSyncServer build(McpServer.SyncSpecification<?> spec, McpJsonMapper json, ServerSettings settings,
      McpFeatures features) {
    return spec
        .serverInfo(NAME, Version.current())
        .instructions(INSTRUCTIONS)
        .jsonMapper(json)
        .capabilities(capabilities())
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
