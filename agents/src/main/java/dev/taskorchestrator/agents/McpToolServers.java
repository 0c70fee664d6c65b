package dev.taskorchestrator.agents;

import dev.taskorchestrator.resilience.ErrorClass;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The downstream MCP servers agents use, with the orchestrator as their client. Each server is started
 * on first use, restarted on the next use after it died, and closed with this object.
 */
public final class McpToolServers implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(McpToolServers.class);

  private final Map<String, ToolServerConnection> connections = new LinkedHashMap<>();
  private final Map<String, String> problems = new ConcurrentHashMap<>();

  public McpToolServers(Map<String, ToolServerSettings> servers, McpJsonMapper json) {
    servers.forEach((name, settings) -> {
      settings.validate(name);
      connections.put(name, new ToolServerConnection(name, settings, json));
    });
  }

  public static McpToolServers none() {
    return new McpToolServers(Map.of(), null);
  }

  public boolean isEmpty() {
    return connections.isEmpty();
  }

  /** Every tool of every server that could be started; servers that could not are in {@link #problems()}. */
  public List<DownstreamTool> tools() {
    List<DownstreamTool> out = new ArrayList<>();
    connections.forEach((name, c) -> {
      try {
        out.addAll(c.tools());
        problems.remove(name);
      } catch (ToolCallException e) {
        problems.put(name, e.getMessage());
        log.warn("tool server {} is unavailable: {}", name, e.getMessage());
      }
    });
    return out;
  }

  /** Why servers are unavailable right now, by server name. */
  public Map<String, String> problems() {
    return Map.copyOf(problems);
  }

  /** Calls {@code tool}; a tool that reports an error gives a {@link ToolResult} with {@code error} set. */
  public ToolResult call(DownstreamTool tool, Map<String, Object> arguments) throws ToolCallException {
    ToolServerConnection c = connections.get(tool.server());
    if (c == null) {
      throw new ToolCallException(ErrorClass.INVALID_REQUEST, "no tool server named " + tool.server());
    }
    McpSchema.CallToolResult result = c.call(tool.name(), arguments);
    return new ToolResult(ToolContent.text(result.content(), result.structuredContent()),
        Boolean.TRUE.equals(result.isError()));
  }

  /** For {@code doctor}: each server started and listed, or why not. */
  public Map<String, String> check() {
    Map<String, String> out = new LinkedHashMap<>();
    connections.forEach((name, c) -> {
      try {
        out.put(name, "ok: " + c.tools().size() + " tools");
      } catch (ToolCallException e) {
        out.put(name, "FAIL: " + e.getMessage());
      }
    });
    return out;
  }

  @Override
  public void close() {
    connections.values().forEach(ToolServerConnection::close);
  }
}
