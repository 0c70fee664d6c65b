package dev.taskorchestrator.server.transport;

import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;

/** Where messages to the client go: stdout, a request's event stream, or a session's listening stream. */
public interface ClientStream {

  /** Sends {@code message}, or keeps it until the client can receive it; never blocks for long. */
  void send(McpSchema.JSONRPCMessage message);

  /**
   * Sends {@code message} and waits until it has reached a connection the client is reading, for at most
   * {@code wait}. False when it did not; the message is then withdrawn and will not be sent later.
   */
  boolean deliver(McpSchema.JSONRPCMessage message, Duration wait) throws InterruptedException;
}
