package dev.taskorchestrator.server.transport;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests the server sends the client on behalf of a tool call (sampling), with the answers matched
 * here rather than in the SDK's session: the SDK fails such a request when the stream it went out on
 * closes, and cannot withdraw one. A request that is given up (its task cancelled, or no answer in time)
 * is withdrawn with {@code notifications/cancelled}, as the spec asks of the side that gives up.
 */
public final class ClientRequests {

  /** The notification either side sends to withdraw a request it made. */
  public static final String CANCELLED = "notifications/cancelled";

  /** Ids of our own requests: never of the SDK's form ({@code <session id>-<n>}). */
  private static final String PREFIX = "orchestrator-";

  private final McpJsonMapper json;
  private final Duration timeout;
  private final Duration deliveryWait;
  private final Map<String, CompletableFuture<McpSchema.JSONRPCResponse>> pending = new ConcurrentHashMap<>();
  private final AtomicLong next = new AtomicLong();

  /**
   * @param timeout how long the client may take to answer ({@code server.request-timeout})
   * @param deliveryWait how long a request may wait for a stream to go out on (a session with no GET
   *     stream open yet)
   */
  public ClientRequests(McpJsonMapper json, Duration timeout, Duration deliveryWait) {
    this.json = json;
    this.timeout = timeout;
    this.deliveryWait = deliveryWait;
  }

  /** Sends {@code method} to the client on {@code stream} and waits for the answer. */
  public <T> T call(String method, Object params, TypeRef<T> type, ClientStream stream) {
    String id = PREFIX + next.incrementAndGet();
    CompletableFuture<McpSchema.JSONRPCResponse> answer = new CompletableFuture<>();
    pending.put(id, answer);
    try {
      if (!stream.deliver(new McpSchema.JSONRPCRequest(method, id, params), deliveryWait)) {
        throw new IllegalStateException("the client opened no event stream to receive " + method + " within "
            + deliveryWait.toSeconds() + " s (a client that wants server requests outside a call opens GET /mcp)");
      }
      McpSchema.JSONRPCResponse r = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (r.error() != null) {
        throw new McpError(r.error());
      }
      return json.convertValue(r.result(), type);
    } catch (InterruptedException e) {
      withdraw(stream, id, "the task that sent it was cancelled");
      Thread.currentThread().interrupt();
      throw new CancellationException(method + " withdrawn: the task was cancelled");
    } catch (TimeoutException e) {
      withdraw(stream, id, "no answer within " + timeout.toSeconds() + " s");
      throw new IllegalStateException("the client did not answer " + method + " within " + timeout.toSeconds() + " s",
          e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(method + " failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pending.remove(id);
    }
  }

  /** Takes the client's answer to one of our requests; false when it answers none of ours. */
  public boolean accept(McpSchema.JSONRPCResponse response) {
    if (!(response.id() instanceof String id) || !id.startsWith(PREFIX)) {
      return false;
    }
    CompletableFuture<McpSchema.JSONRPCResponse> waiting = pending.get(id);
    if (waiting != null) {
      waiting.complete(response);
    }
    // An answer to a request already given up is still ours: nobody else may take it for theirs.
    return true;
  }

  /** Fails every request still waiting (the session ended). */
  public void failAll(String reason) {
    pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException(reason)));
  }

  private static void withdraw(ClientStream stream, String id, String reason) {
    stream.send(new McpSchema.JSONRPCNotification(CANCELLED, Map.of("requestId", id, "reason", reason)));
  }
}
