package dev.taskorchestrator.tools;

import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Optional;

/**
 * The transport's side of one client request, handed to its handler through the MCP transport context
 * ({@link #KEY}): it tells the handler when the client cancels the request ({@code notifications/cancelled})
 * or goes away, and sends the requests the server makes of the client on the request's behalf, on the
 * request's own stream while it is open and on the session's stream after it has been answered.
 */
public interface CallChannel {

  /** The key under which the server's transports put the channel into the {@code McpTransportContext}. */
  String KEY = "task-orchestrator.call-channel";

  /**
   * Runs {@code action} when the client cancels this request or its session ends before the request is
   * answered; at once when that has happened already, never once the request has been answered.
   */
  void onCancel(Runnable action);

  /**
   * Sends {@code sampling/createMessage} to the client and waits for its answer. An error answer throws
   * {@code McpError}; no answer in time throws with a {@code TimeoutException} as the cause. Interrupting
   * the waiting thread withdraws the request (the client is sent {@code notifications/cancelled}) and
   * throws with the thread's interrupt flag set.
   */
  McpSchema.CreateMessageResult createMessage(McpSchema.CreateMessageRequest request);

  /**
   * The channel for work that outlives the call (a background spawn): its requests go out on the
   * session's own stream (Streamable HTTP: the GET stream) from the start, never on the call's, so that
   * where they arrive does not depend on whether the call has been answered yet.
   */
  CallChannel detached();

  /** The channel of the request {@code exchange} belongs to, if its transport provides one. */
  static Optional<CallChannel> of(McpSyncServerExchange exchange) {
    return exchange.transportContext() != null && exchange.transportContext().get(KEY) instanceof CallChannel c
        ? Optional.of(c) : Optional.empty();
  }
}
