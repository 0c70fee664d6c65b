package dev.taskorchestrator.server.stdio;

import dev.taskorchestrator.server.JsonRpcGate;
import dev.taskorchestrator.server.transport.ClientRequests;
import dev.taskorchestrator.server.transport.ClientStream;
import dev.taskorchestrator.server.transport.OpenCalls;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * MCP over stdin/stdout for the SDK's session: messages read from the {@link GuardedInput}, answers
 * written by the one {@link StdoutWriter}. Beside the SDK it handles {@code notifications/cancelled} (the
 * request named is stopped and gets no answer) and the answers to the server's own requests
 * ({@link ClientRequests}); every handler sees its request's {@code CallChannel}.
 */
public final class StdioMcpTransport implements McpServerTransportProvider {

  private static final Logger log = LoggerFactory.getLogger(StdioMcpTransport.class);

  private final McpJsonMapper json;
  private final GuardedInput input;
  private final StdoutWriter out;
  private final List<String> protocolVersions;
  private final ClientRequests requests;
  private final OpenCalls calls;
  private final ClientStream stdout = new Stdout();
  private volatile McpServerSession session;

  public StdioMcpTransport(McpJsonMapper json, GuardedInput input, StdoutWriter out, List<String> protocolVersions,
      ClientRequests requests) {
    this.json = json;
    this.input = input;
    this.out = out;
    this.protocolVersions = List.copyOf(protocolVersions);
    this.requests = requests;
    this.calls = new OpenCalls(requests);
  }

  @Override
  public List<String> protocolVersions() {
    return protocolVersions;
  }

  @Override
  public void setSessionFactory(McpServerSession.Factory sessionFactory) {
    session = sessionFactory.create(new SessionTransport());
    Thread.ofPlatform().daemon().name("stdin-reader").start(this::readAll);
  }

  private void readAll() {
    try {
      for (JsonRpcGate.Verdict.Pass p = input.next(); p != null; p = input.next()) {
        dispatch(p.message());
      }
    } catch (IOException e) {
      log.warn("reading stdin failed: {}", e.toString());
    } catch (RuntimeException e) {
      log.error("stdin reader stopped: {}", e.toString());
    }
  }

  private void dispatch(McpSchema.JSONRPCMessage message) {
    switch (message) {
      case McpSchema.JSONRPCResponse r when requests.accept(r) -> { }
      case McpSchema.JSONRPCNotification n when ClientRequests.CANCELLED.equals(n.method()) -> calls.cancel(n.params());
      case McpSchema.JSONRPCRequest r -> {
        McpTransportContext context = calls.open(r, () -> stdout, stdout).transportContext();
        handle(session.handle(r).contextWrite(c -> c.put(McpTransportContext.KEY, context)));
      }
      default -> handle(session.handle(message));
    }
  }

  private static void handle(Mono<Void> handling) {
    handling.subscribe(null, e -> log.warn("handling a message failed: {}", e.toString()));
  }

  /** Waits until every request read has been answered, for at most {@code grace}; true if so. */
  public boolean awaitAnswered(Duration grace) throws InterruptedException {
    return calls.awaitNone(grace);
  }

  /** How many requests are still unanswered. */
  public int unanswered() {
    return calls.count();
  }

  @Override
  public Mono<Void> notifyClients(String method, Object params) {
    return session == null ? Mono.empty() : session.sendNotification(method, params);
  }

  @Override
  public Mono<Void> notifyClient(String sessionId, String method, Object params) {
    return session == null || !session.getId().equals(sessionId) ? Mono.empty()
        : session.sendNotification(method, params);
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(() -> {
      requests.failAll("the server is stopping");
      try {
        out.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /** Writes {@code message}, unless it is an answer nobody may get or progress for an answered request. */
  private void write(McpSchema.JSONRPCMessage message) {
    if (message instanceof McpSchema.JSONRPCResponse r) {
      boolean cancelled = calls.answered(r.id()).map(c -> c.cancelled()).orElse(false);
      if (input.answeredEarly(r.id()) || cancelled) {
        return;
      }
    } else if (message instanceof McpSchema.JSONRPCNotification n
        && McpSchema.METHOD_NOTIFICATION_PROGRESS.equals(n.method())
        && !calls.progressLive(OpenCalls.progressTokenOf(n))) {
      return;
    }
    try {
      out.write(json.writeValueAsString(message));
    } catch (IOException e) {
      log.error("an answer could not be serialised: {}", e.toString());
    }
  }

  private final class Stdout implements ClientStream {
    @Override
    public void send(McpSchema.JSONRPCMessage message) {
      write(message);
    }

    @Override
    public boolean deliver(McpSchema.JSONRPCMessage message, Duration wait) {
      write(message);
      return true;
    }
  }

  private final class SessionTransport implements McpServerTransport {
    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
      write(message);
      return Mono.empty();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
      return json.convertValue(data, typeRef);
    }

    @Override
    public List<String> protocolVersions() {
      return protocolVersions;
    }

    @Override
    public Mono<Void> closeGracefully() {
      return StdioMcpTransport.this.closeGracefully();
    }
  }
}
