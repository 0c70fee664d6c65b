package dev.taskorchestrator.server.transport;

import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The client's requests that have not been answered yet, by JSON-RPC id: so that
 * {@code notifications/cancelled} finds the one it names, a session that ends cancels what it left
 * running, a stop waits for the answers, and no progress is sent for a request that was answered.
 */
public final class OpenCalls {

  private final ClientRequests requests;
  private final Map<String, CallContext> calls = new ConcurrentHashMap<>();
  private final Map<String, CallContext> byProgressToken = new ConcurrentHashMap<>();
  private final Object lock = new Object();

  public OpenCalls(ClientRequests requests) {
    this.requests = requests;
  }

  /**
   * Registers {@code request}; its server requests go to the stream {@code stream} gives at the time, those
   * of work that outlives it to {@code session}.
   */
  public CallContext open(McpSchema.JSONRPCRequest request, Supplier<ClientStream> stream, ClientStream session) {
    Object token = progressToken(request.params());
    CallContext call = new CallContext(requests, stream, session, token);
    calls.put(key(request.id()), call);
    if (token != null) {
      byProgressToken.put(key(token), call);
    }
    return call;
  }

  /**
   * The request with {@code id} is being answered: removes it and returns it (empty when unknown). Its
   * answer is dropped when the client had cancelled it (the spec asks for no answer then).
   */
  public Optional<CallContext> answered(Object id) {
    CallContext call = calls.remove(key(id));
    if (call == null) {
      return Optional.empty();
    }
    call.answered();
    if (call.progressToken() != null) {
      byProgressToken.remove(key(call.progressToken()), call);
    }
    synchronized (lock) {
      lock.notifyAll();
    }
    return Optional.of(call);
  }

  /** Handles {@code notifications/cancelled}: stops the request it names, if it is still running. */
  public void cancel(Object params) {
    if (params instanceof Map<?, ?> p && p.get("requestId") != null) {
      CallContext call = calls.get(key(p.get("requestId")));
      if (call != null) {
        call.cancel();
      }
    }
  }

  /** The client went away: cancels every request still running. */
  public void cancelAll() {
    calls.values().forEach(CallContext::cancel);
  }

  /** Whether a progress notification with {@code token} belongs to a request still running. */
  public boolean progressLive(Object token) {
    return token != null && byProgressToken.containsKey(key(token));
  }

  public int count() {
    return calls.size();
  }

  /** Waits until every request is answered or {@code grace} has passed; true if none is left. */
  public boolean awaitNone(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    synchronized (lock) {
      while (!calls.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
    }
    return true;
  }

  /** The progress token of a notification's or request's params, or null. */
  public static Object progressToken(Object params) {
    if (params instanceof Map<?, ?> p && p.get("_meta") instanceof Map<?, ?> meta) {
      return meta.get("progressToken");
    }
    return null;
  }

  /** The token a {@code notifications/progress} reports on, or null. */
  public static Object progressTokenOf(McpSchema.JSONRPCNotification progress) {
    return switch (progress.params()) {
      case McpSchema.ProgressNotification p -> p.progressToken();
      case Map<?, ?> p -> p.get("progressToken");
      case null, default -> null;
    };
  }

  /** JSON-RPC ids compare by kind and value: 7 and "7" are different requests. */
  private static String key(Object id) {
    return id instanceof Number n ? "n" + n.longValue() : "s" + id;
  }
}
