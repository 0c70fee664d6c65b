package dev.taskorchestrator.server.http;

import dev.taskorchestrator.server.transport.ClientRequests;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live sessions. A housekeeping thread sends keep-alive comments on every open stream (which also
 * finds the clients that are gone) and ends sessions idle for {@link #IDLE}: no request and no open
 * stream for that long (a client gone without a DELETE). An ended session cancels the requests it left
 * running.
 */
final class HttpSessions implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HttpSessions.class);
  static final Duration HEARTBEAT = Duration.ofSeconds(15);
  /** As the SDK's own sweep: long enough for a client that only POSTs now and then. */
  static final Duration IDLE = Duration.ofMinutes(30);

  private final McpJsonMapper json;
  private final Duration requestTimeout;
  private final Duration deliveryWait;
  private final Duration idle;
  private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
  private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
      r -> Thread.ofPlatform().daemon().name("mcp-http-housekeeping").unstarted(r));

  /**
   * @param requestTimeout how long the client may take to answer a server request
   * @param deliveryWait how long a server request outside any POST waits for the client's GET stream
   */
  HttpSessions(McpJsonMapper json, Duration requestTimeout, Duration deliveryWait) {
    this(json, requestTimeout, deliveryWait, HEARTBEAT, IDLE);
  }

  /** With other intervals: a test's, in milliseconds. */
  HttpSessions(McpJsonMapper json, Duration requestTimeout, Duration deliveryWait, Duration heartbeat, Duration idle) {
    this.json = json;
    this.requestTimeout = requestTimeout;
    this.deliveryWait = deliveryWait;
    this.idle = idle;
    housekeeping.scheduleWithFixedDelay(this::houseKeep, heartbeat.toMillis(), heartbeat.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  ClientSession add(McpStreamableServerSession sdk) {
    ClientSession s = new ClientSession(sdk, json, new ClientRequests(json, requestTimeout, deliveryWait));
    sessions.put(s.id(), s);
    return s;
  }

  Optional<ClientSession> find(String id) {
    return Optional.ofNullable(sessions.get(id));
  }

  Collection<ClientSession> all() {
    return List.copyOf(sessions.values());
  }

  /** Ends {@code session} (the client deleted it, or it expired). */
  void remove(ClientSession session) {
    if (sessions.remove(session.id(), session)) {
      session.close();
    }
  }

  /** Ends every session: the server is stopping. */
  void closeAll() {
    all().forEach(this::remove);
  }

  private void houseKeep() {
    try {
      for (ClientSession s : all()) {
        s.heartbeat();
        if (s.idleFor(idle)) {
          log.info("session {} ended after {} s without a request or an open stream", s.id(), idle.toSeconds());
          remove(s);
        }
      }
    } catch (RuntimeException e) {
      log.warn("session housekeeping failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    housekeeping.shutdownNow();
    closeAll();
  }
}
