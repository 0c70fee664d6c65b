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
 * @param onCancel takes what stops the spawn when the client cancels the request that started it (or
 *     goes away before it is answered); the action may run at once, on any thread
 */
public record Caller(Function<McpSchema.CreateMessageRequest, McpSchema.CreateMessageResult> sampling,
    AgentObserver observer, java.util.function.BiConsumer<String, String> notices,
    java.util.function.Consumer<Runnable> onCancel) {

  public Caller {
    observer = observer == null ? AgentObserver.NONE : observer;
    notices = notices == null ? (level, message) -> { } : notices;
    onCancel = onCancel == null ? action -> { } : onCancel;
  }

  /** A caller whose requests cannot be cancelled by the client. */
  public Caller(Function<McpSchema.CreateMessageRequest, McpSchema.CreateMessageResult> sampling,
      AgentObserver observer, java.util.function.BiConsumer<String, String> notices) {
    this(sampling, observer, notices, null);
  }

  public static Caller none() {
    return new Caller(null, AgentObserver.NONE, null, null);
  }

  public boolean samplingSupported() {
    return sampling != null;
  }
}
