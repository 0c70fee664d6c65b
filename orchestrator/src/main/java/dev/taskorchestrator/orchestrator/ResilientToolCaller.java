package dev.taskorchestrator.orchestrator;

import dev.taskorchestrator.resilience.BreakerKind;
import dev.taskorchestrator.agents.DownstreamTool;
import dev.taskorchestrator.resilience.GuardedCallException;
import dev.taskorchestrator.agents.McpToolServers;
import dev.taskorchestrator.agents.PermittedTools;
import dev.taskorchestrator.resilience.ResilienceRegistry;
import dev.taskorchestrator.agents.ToolCallException;
import dev.taskorchestrator.agents.ToolResult;
import java.util.Map;

/**
 * Downstream tool calls through their own retry, breaker (one per {@code server.tool}) and bulkhead. A
 * tool whose breaker is open is refused at once with the time it opens again, so the model can turn to
 * another tool.
 */
final class ResilientToolCaller implements PermittedTools.Caller {

  private final McpToolServers servers;
  private final ResilienceRegistry breakers;

  ResilientToolCaller(McpToolServers servers, ResilienceRegistry breakers) {
    this.servers = servers;
    this.breakers = breakers;
  }

  /** The breaker of a downstream tool is named {@code server.tool}, like the tool. */
  static String breakerName(String qualifiedTool) {
    return qualifiedTool;
  }

  @Override
  public ToolResult call(DownstreamTool tool, Map<String, Object> arguments) throws ToolCallException {
    try {
      return breakers.guard(breakerName(tool.qualifiedName()), BreakerKind.TOOL)
          .call(() -> servers.call(tool, arguments));
    } catch (GuardedCallException e) {
      String message = switch (e.kind()) {
        case CIRCUIT_OPEN -> "tool " + tool.qualifiedName() + " is cut off after repeated failures (circuit open"
            + e.retryAfter().map(d -> ", retry in " + Math.max(1, d.toSeconds()) + " s").orElse("")
            + "); use another tool";
        case BULKHEAD_FULL -> "tool " + tool.qualifiedName() + " has too many calls in flight; try again shortly";
        default -> e.getMessage() + (e.attempts() > 1 ? " (after " + e.attempts() + " attempts)" : "");
      };
      throw e.attempts() == 0 ? ToolCallException.refused(e.errorClass(), message)
          : new ToolCallException(e.errorClass(), message);
    }
  }
}
