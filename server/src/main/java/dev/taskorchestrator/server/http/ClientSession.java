package dev.taskorchestrator.server.http;

import dev.taskorchestrator.server.transport.ClientRequests;
import dev.taskorchestrator.server.transport.ClientStream;
import dev.taskorchestrator.server.transport.OpenCalls;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One MCP session over Streamable HTTP: the SDK's session (the protocol) and what the transport keeps
 * beside it: the listening stream (stream 0, what the client's GET receives: notices and server requests
 * outside any POST), the streams of POST requests, the replay log, the requests in flight and the
 * server's own requests to the client.
 */
final class ClientSession {

  private static final Logger log = LoggerFactory.getLogger(ClientSession.class);
  /** Finished POST streams kept for a client that resumes one late. */
  private static final int FINISHED_STREAMS_KEPT = 256;

  private final McpStreamableServerSession sdk;
  private final McpJsonMapper json;
  private final EventLog events = new EventLog(1_000, 16L * 1024 * 1024);
  private final EventStream listening = new EventStream(0, events);
  private final Map<Long, EventStream> streams = new ConcurrentHashMap<>();
  private final Deque<Long> finishedStreams = new ArrayDeque<>();
  private final AtomicLong nextStream = new AtomicLong();
  private final ClientRequests requests;
  private final OpenCalls calls;
  private final ClientStream toListening = new ListeningClientStream();
  private volatile long lastActive = System.nanoTime();

  ClientSession(McpStreamableServerSession sdk, McpJsonMapper json, ClientRequests requests) {
    this.sdk = sdk;
    this.json = json;
    this.requests = requests;
    this.calls = new OpenCalls(requests);
    streams.put(0L, listening);
    // The SDK sends what belongs to no request (list changes, notices from notification handlers) to its
    // listening stream: here that is stream 0, which keeps them until a GET is there to take them.
    sdk.listeningStream(new ListeningTransport());
  }

  String id() {
    return sdk.getId();
  }

  McpStreamableServerSession sdk() {
    return sdk;
  }

  OpenCalls calls() {
    return calls;
  }

  ClientRequests requests() {
    return requests;
  }

  EventStream listening() {
    return listening;
  }

  /** The listening stream as a destination for messages outside a request. */
  ClientStream toListening() {
    return toListening;
  }

  /** A new stream for one POST request. */
  EventStream openStream() {
    EventStream s = new EventStream(nextStream.incrementAndGet(), events);
    streams.put(s.id(), s);
    return s;
  }

  /** The stream {@code id}, if it is still known. */
  EventStream stream(long id) {
    return streams.get(id);
  }

  /** A POST stream got its answer: it stays resumable for a while. */
  void finished(EventStream s) {
    s.finish();
    synchronized (finishedStreams) {
      if (finishedStreams.contains(s.id())) {
        return;
      }
      finishedStreams.addLast(s.id());
      while (finishedStreams.size() > FINISHED_STREAMS_KEPT) {
        streams.remove(finishedStreams.removeFirst());
      }
    }
  }

  String toJson(McpSchema.JSONRPCMessage message) {
    try {
      return json.writeValueAsString(message);
    } catch (IOException e) {
      throw new IllegalStateException("a message could not be serialised: " + e.getMessage(), e);
    }
  }

  void touch() {
    lastActive = System.nanoTime();
  }

  /** No connection open and no request since {@code idle}: the client is gone. */
  boolean idleFor(Duration idle) {
    return System.nanoTime() - lastActive > idle.toNanos()
        && streams.values().stream().noneMatch(EventStream::hasConnection);
  }

  void heartbeat() {
    streams.values().forEach(EventStream::heartbeat);
  }

  /**
   * The session ends (DELETE, expiry, stop): its requests in flight are cancelled as if the client had
   * cancelled each, the server's requests to it fail, and its streams end.
   */
  void close() {
    calls.cancelAll();
    requests.failAll("the session ended");
    streams.values().forEach(EventStream::finish);
    try {
      sdk.close();
    } catch (RuntimeException e) {
      log.debug("closing session {}: {}", id(), e.toString());
    }
  }

  private final class ListeningClientStream implements ClientStream {
    @Override
    public void send(McpSchema.JSONRPCMessage message) {
      listening.append(toJson(message));
    }

    @Override
    public boolean deliver(McpSchema.JSONRPCMessage message, Duration wait) throws InterruptedException {
      EventLog.Event e = listening.append(toJson(message));
      return e != null && listening.awaitDelivered(e, wait); // null: the session has ended
    }
  }

  private final class ListeningTransport implements McpStreamableServerTransport {
    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
      return sendMessage(message);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
      return Mono.fromRunnable(() -> toListening.send(message));
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
      return json.convertValue(data, typeRef);
    }

    @Override
    public Mono<Void> closeGracefully() {
      return Mono.empty();
    }

    @Override
    public void close() {
      // the session's lifetime is the transport's to decide
    }
  }
}
