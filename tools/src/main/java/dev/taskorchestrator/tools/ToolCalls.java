package dev.taskorchestrator.tools;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.UUID;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every tool handler runs through here: bad arguments become an {@code isError} result the model can
 * act on, and an unexpected failure becomes an {@code isError} result with an incident id (the details
 * go to the server log), never a protocol error or a stack trace. Calls in flight are counted so a stop
 * can wait for them.
 */
public final class ToolCalls {

  private static final Logger log = LoggerFactory.getLogger(ToolCalls.class);

  private final InFlight inFlight;

  public ToolCalls(InFlight inFlight) {
    this.inFlight = inFlight;
  }

  /** A tool whose handler is guarded. */
  public McpServerFeatures.SyncToolSpecification guarded(McpSchema.Tool tool,
      BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, CallToolResult> handler) {
    return McpServerFeatures.SyncToolSpecification.builder()
        .tool(tool)
        .callHandler((exchange, request) -> call(tool.name(), exchange, request, handler))
        .build();
  }

  private CallToolResult call(String name, McpSyncServerExchange exchange, McpSchema.CallToolRequest request,
      BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, CallToolResult> handler) {
    if (!inFlight.enter()) {
      return error("the server is shutting down and takes no new calls; try again after it restarts");
    }
    try {
      return handler.apply(exchange, request);
    } catch (Arguments.Invalid e) {
      return error("invalid arguments for " + name + ": " + e.getMessage());
    } catch (RuntimeException e) {
      String incident = UUID.randomUUID().toString().substring(0, 8);
      log.error("tool {} failed (incident {}): {}", name, incident, e.toString());
      return error(name + " failed inside the server (incident " + incident + "); the details are in the server log");
    } finally {
      inFlight.exit();
    }
  }

  static CallToolResult error(String message) {
    return CallToolResult.builder().addTextContent(message).isError(true).build();
  }
}
