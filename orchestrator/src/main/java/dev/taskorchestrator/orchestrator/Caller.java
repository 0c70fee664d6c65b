package dev.taskorchestrator.orchestrator;

import dev.taskorchestrator.agents.AgentObserver;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.function.Function;

/**
 * The MCP client a spawn came from, as far as the run needs it: its sampling channel (for the
 * {@code sampling} provider) and where progress goes.
 *
 * @param sampling sends a sampling request to the client, or null when it declared no sampling
 * @param observer hears steps and tool calls (progress notifications)
 * @param notices sends a logging notification (level, message) to the client
 */
public record Caller(Function<McpSchema.CreateMessageRequest, McpSchema.CreateMessageResult> sampling,
    AgentObserver observer, java.util.function.BiConsumer<String, String> notices) {

  public Caller {
    observer = observer == null ? AgentObserver.NONE : observer;
    notices = notices == null ? (level, message) -> { } : notices;
  }

  public static Caller none() {
    return new Caller(null, AgentObserver.NONE, null);
  }

  public boolean samplingSupported() {
    return sampling != null;
  }
}
