package dev.taskorchestrator.agents;

import java.util.Map;

/**
 * A tool of a downstream MCP server, as agents see it.
 *
 * @param server the configured server name
 * @param name the tool's own name on that server
 * @param description the server's description of the tool
 * @param inputSchema its JSON Schema
 * @param readOnly whether the server annotates it {@code readOnlyHint: true}
 */
public record DownstreamTool(String server, String name, String description, Map<String, Object> inputSchema,
    boolean readOnly) {

  /** The name agents use: {@code server.tool}. */
  public String qualifiedName() {
    return server + "." + name;
  }
}
