package dev.taskorchestrator.server.http;

import dev.taskorchestrator.server.transport.CallContext;
import dev.taskorchestrator.server.transport.ClientStream;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import java.time.Duration;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * How the SDK answers one POST request. A streamed request (a tool call) has an {@link EventStream}:
 * progress, logging and server requests go out on it, and the answer ends it. Any other request is
 * answered with one JSON body ({@link #jsonAnswer}). Once answered, what the request's work still sends
 * (a background spawn's notices and sampling requests) goes to the session's listening stream; progress
 * for a request already answered is dropped.
 */
final class PostReply implements McpStreamableServerTransport, ClientStream {

  private final ClientSession session;
  private final McpJsonMapper json;
  private final Object requestId;
  private final EventStream stream;
  private volatile boolean answered;
  private volatile String jsonAnswer;

  /** @param stream the request's event stream, or null to answer with a JSON body */
  PostReply(ClientSession session, McpJsonMapper json, Object requestId, EventStream stream) {
    this.session = session;
    this.json = json;
    this.requestId = requestId;
    this.stream = stream;
  }

  /** Where the request's server requests go now: its own stream until it is answered. */
  ClientStream route() {
    return answered || stream == null ? session.toListening() : this;
  }

  /** The answer, for a request answered with a JSON body; null when there is none (cancelled). */
  String jsonAnswer() {
    return jsonAnswer;
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
    return sendMessage(message);
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    return Mono.fromRunnable(() -> send(message));
  }

  @Override
  public void send(McpSchema.JSONRPCMessage message) {
    if (message instanceof McpSchema.JSONRPCResponse r && Objects.equals(r.id(), requestId)) {
      answer(r);
    } else if (stream == null || stream.append(session.toJson(message)) == null) {
      // Answered (or answered in JSON): the request's work goes on talking through the listening stream.
      if (!(message instanceof McpSchema.JSONRPCNotification n)
          || !McpSchema.METHOD_NOTIFICATION_PROGRESS.equals(n.method())) {
        session.toListening().send(message);
      }
    }
  }

  @Override
  public boolean deliver(McpSchema.JSONRPCMessage message, Duration wait) throws InterruptedException {
    if (stream != null && stream.append(session.toJson(message)) != null) {
      return true;
    }
    return session.toListening().deliver(message, wait);
  }

  /** The answer ends the stream in the same step, so nothing sent later can land behind it unseen. */
  private void answer(McpSchema.JSONRPCResponse response) {
    boolean cancelled = session.calls().answered(response.id()).map(CallContext::cancelled).orElse(false);
    answered = true;
    String text = cancelled ? null : session.toJson(response); // a cancelled request gets no answer (the spec)
    if (stream == null) {
      jsonAnswer = text;
    } else if (text == null) {
      session.finished(stream);
    } else {
      stream.appendLast(text);
      session.finished(stream);
    }
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return json.convertValue(data, typeRef);
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(this::close);
  }

  @Override
  public void close() {
    answered = true;
    if (stream != null) {
      session.finished(stream);
    }
  }
}
