package dev.taskorchestrator.server.transport;

import dev.taskorchestrator.tools.CallChannel;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client request while it is in flight: what stops its work when the client cancels it, and the
 * stream its server requests go out on (its own while open, the session's afterwards). Outlives the
 * request as far as sampling goes: a background spawn keeps asking the client through it.
 */
public final class CallContext implements CallChannel {

  private static final Logger log = LoggerFactory.getLogger(CallContext.class);
  private static final TypeRef<McpSchema.CreateMessageResult> CREATE_MESSAGE_RESULT = new TypeRef<>() {};

  private enum State { OPEN, CANCELLED, ANSWERED }

  private final ClientRequests requests;
  private final Supplier<ClientStream> stream;
  private final ClientStream session;
  private final Object progressToken;
  private final List<Runnable> onCancel = new ArrayList<>();
  private State state = State.OPEN;

  /**
   * @param stream where the request's server requests go at the time they are sent
   * @param session the session's own stream, for work that outlives the request
   */
  CallContext(ClientRequests requests, Supplier<ClientStream> stream, ClientStream session, Object progressToken) {
    this.requests = requests;
    this.stream = stream;
    this.session = session;
    this.progressToken = progressToken;
  }

  /** The transport context a handler sees for this request. */
  public McpTransportContext transportContext() {
    return McpTransportContext.create(Map.of(CallChannel.KEY, this));
  }

  @Override
  public void onCancel(Runnable action) {
    synchronized (this) {
      if (state == State.OPEN) {
        onCancel.add(action);
        return;
      }
      if (state == State.ANSWERED) {
        return;
      }
    }
    run(action);
  }

  @Override
  public McpSchema.CreateMessageResult createMessage(McpSchema.CreateMessageRequest request) {
    return requests.call(McpSchema.METHOD_SAMPLING_CREATE_MESSAGE, request, CREATE_MESSAGE_RESULT, stream.get());
  }

  @Override
  public CallChannel detached() {
    CallContext outside = new CallContext(requests, () -> session, session, null);
    outside.answered(); // no request of its own to cancel
    return outside;
  }

  /** True when the client cancelled this request (its answer is then not sent). */
  public synchronized boolean cancelled() {
    return state == State.CANCELLED;
  }

  Object progressToken() {
    return progressToken;
  }

  /** The client cancelled the request, or went away: runs the cancel actions, once. */
  void cancel() {
    List<Runnable> actions;
    synchronized (this) {
      if (state != State.OPEN) {
        return;
      }
      state = State.CANCELLED;
      actions = List.copyOf(onCancel);
      onCancel.clear();
    }
    actions.forEach(CallContext::run);
  }

  /** The request's answer is on its way: a cancellation no longer applies. */
  synchronized void answered() {
    if (state == State.OPEN) {
      state = State.ANSWERED;
    }
    onCancel.clear();
  }

  private static void run(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      log.warn("stopping the work of a cancelled request failed: {}", e.toString());
    }
  }
}
