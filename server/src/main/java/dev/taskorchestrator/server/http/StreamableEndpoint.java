package dev.taskorchestrator.server.http;

import dev.taskorchestrator.server.JsonRpcGate;
import dev.taskorchestrator.server.transport.CallContext;
import dev.taskorchestrator.server.transport.ClientRequests;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The MCP endpoint for the SDK's sessions (Streamable HTTP, 2025-11-25): POST carries one message, GET
 * opens or resumes an event stream, DELETE ends a session. Behind the {@link HttpGuard}, which has
 * checked Host, Origin, token, protocol version and size and read the message through the gate.
 * Tool calls are answered as event streams (they send progress and sampling requests, and last);
 * everything else as one JSON body.
 */
final class StreamableEndpoint extends HttpServlet implements McpStreamableServerTransportProvider {

  private static final Logger log = LoggerFactory.getLogger(StreamableEndpoint.class);
  static final String SESSION_HEADER = "Mcp-Session-Id";
  static final String LAST_EVENT_ID = "Last-Event-ID";

  private final transient McpJsonMapper json;
  private final transient HttpSessions sessions;
  private final List<String> protocolVersions;
  private final Set<String> streamedTools;
  private transient volatile McpStreamableServerSession.Factory factory;

  /**
   * @param streamedTools the tools whose calls are answered as event streams (a call of another name is
   *     refused at once, in JSON)
   */
  StreamableEndpoint(McpJsonMapper json, HttpSessions sessions, List<String> protocolVersions,
      Set<String> streamedTools) {
    this.json = json;
    this.sessions = sessions;
    this.protocolVersions = List.copyOf(protocolVersions);
    this.streamedTools = Set.copyOf(streamedTools);
  }

  @Override
  public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
    this.factory = sessionFactory;
  }

  @Override
  public List<String> protocolVersions() {
    return protocolVersions;
  }

  @Override
  public Mono<Void> notifyClients(String method, Object params) {
    return Mono.fromRunnable(() -> sessions.all().forEach(s -> s.toListening()
        .send(new McpSchema.JSONRPCNotification(method, params))));
  }

  @Override
  public Mono<Void> notifyClient(String sessionId, String method, Object params) {
    return Mono.fromRunnable(() -> sessions.find(sessionId).ifPresent(s -> s.toListening()
        .send(new McpSchema.JSONRPCNotification(method, params))));
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(sessions::closeAll);
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    switch (request.getMethod()) {
      case "POST" -> post(request, response, (JsonRpcGate.Verdict.Pass) request.getAttribute(HttpGuard.MESSAGE));
      case "GET" -> get(request, response);
      case "DELETE" -> delete(request, response);
      default -> {
        response.setHeader("Allow", HttpGuard.ALLOW);
        JsonErrors.send(response, 405, null, JsonErrors.TRANSPORT_ERROR, JsonErrors.plain(405,
            request.getMethod() + " is not used by MCP; use POST, GET or DELETE"));
      }
    }
  }

  private void post(HttpServletRequest request, HttpServletResponse response, JsonRpcGate.Verdict.Pass message)
      throws IOException {
    JsonNode id = message.id();
    if (!accepts(request, "application/json") || !accepts(request, "text/event-stream")) {
      JsonErrors.send(response, 406, id, JsonErrors.TRANSPORT_ERROR, JsonErrors.plain(406,
          "the Accept header must list application/json and text/event-stream"));
      return;
    }
    if (message.message() instanceof McpSchema.JSONRPCRequest r && McpSchema.METHOD_INITIALIZE.equals(r.method())) {
      initialize(r, response);
      return;
    }
    ClientSession session = session(request, response, id);
    if (session == null) {
      return;
    }
    switch (message.message()) {
      case McpSchema.JSONRPCRequest r -> request(session, r, response);
      case McpSchema.JSONRPCNotification n -> {
        if (ClientRequests.CANCELLED.equals(n.method())) {
          session.calls().cancel(n.params());
        } else {
          session.sdk().accept(n).block();
        }
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
      }
      case McpSchema.JSONRPCResponse r -> answer(session, r, response);
      default -> JsonErrors.send(response, 400, id, JsonRpcGate.INVALID_REQUEST, "Invalid Request");
    }
  }

  private void initialize(McpSchema.JSONRPCRequest request, HttpServletResponse response) throws IOException {
    var init = factory.startSession(json.convertValue(request.params(), McpSchema.InitializeRequest.class));
    ClientSession session = sessions.add(init.session());
    McpSchema.InitializeResult result = init.initResult().block();
    response.setHeader(SESSION_HEADER, session.id());
    JsonErrors.sendJson(response, 200, session.toJson(McpSchema.JSONRPCResponse.result(request.id(), result)));
  }

  /** The client's answer to a server request: ours (sampling) or the SDK's. */
  private void answer(ClientSession session, McpSchema.JSONRPCResponse r, HttpServletResponse response)
      throws IOException {
    if (!session.requests().accept(r)) {
      try {
        session.sdk().accept(r).block();
      } catch (RuntimeException unknownId) {
        JsonErrors.send(response, 400, null, JsonRpcGate.INVALID_REQUEST,
            "Invalid Request: a response to no request the server sent");
        return;
      }
    }
    response.setStatus(HttpServletResponse.SC_ACCEPTED);
  }

  private void request(ClientSession session, McpSchema.JSONRPCRequest r, HttpServletResponse response)
      throws IOException {
    boolean streamed = McpSchema.METHOD_TOOLS_CALL.equals(r.method()) && r.params() instanceof Map<?, ?> p
        && streamedTools.contains(String.valueOf(p.get("name")));
    EventStream stream = streamed ? session.openStream() : null;
    PostReply reply = new PostReply(session, json, r.id(), stream);
    CallContext call = session.calls().open(r, reply::route, session.toListening());
    try {
      if (stream != null) {
        attach(stream, response);
      }
      session.sdk().responseStream(reply).handle(r)
          .contextWrite(c -> c.put(McpTransportContext.KEY, call.transportContext())).block();
    } catch (RuntimeException e) {
      log.warn("request {} of session {} failed in the transport: {}", r.method(), session.id(), e.toString());
    } finally {
      session.calls().answered(r.id());
      reply.close();
      session.touch();
    }
    if (stream == null) {
      String answer = reply.jsonAnswer();
      if (answer != null) {
        JsonErrors.sendJson(response, 200, answer);
      } else {
        response.setStatus(HttpServletResponse.SC_ACCEPTED); // cancelled: no answer
      }
    }
  }

  /** Starts the request's event stream; a client gone already may still resume it later. */
  private static void attach(EventStream stream, HttpServletResponse response) {
    try {
      stream.attach(SseConnection.start(response, stream.primingId(0)), 0);
    } catch (IOException clientGone) {
      log.debug("the client left before its event stream started: {}", clientGone.toString());
    }
  }

  private void get(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!accepts(request, "text/event-stream")) {
      JsonErrors.send(response, 406, null, JsonErrors.TRANSPORT_ERROR, JsonErrors.plain(406,
          "the Accept header must list text/event-stream"));
      return;
    }
    ClientSession session = session(request, response, null);
    if (session == null) {
      return;
    }
    EventLog.Position from = EventLog.Position.parse(request.getHeader(LAST_EVENT_ID));
    EventStream stream = from == null ? null : session.stream(from.stream());
    if (stream == null) {
      // A plain GET, or one resuming a stream no longer kept: the listening stream, from what is undelivered.
      stream = session.listening();
      from = null;
    }
    long after = from == null ? -1 : from.seq();
    if (stream.finished() && !stream.hasAfter(after)) {
      response.setStatus(HttpServletResponse.SC_NO_CONTENT); // that stream has ended; nothing was missed
      return;
    }
    SseConnection connection = SseConnection.start(response, stream.primingId(after));
    stream.attach(connection, after);
    session.touch();
    if (stream.finished()) {
      return;
    }
    try {
      connection.awaitClosed();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      session.touch();
    }
  }

  private void delete(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ClientSession session = session(request, response, null);
    if (session != null) {
      sessions.remove(session);
      response.setStatus(HttpServletResponse.SC_OK);
    }
  }

  /** The request's session, or null after answering 400 (no header) or 404 (no such session). */
  private ClientSession session(HttpServletRequest request, HttpServletResponse response, JsonNode id)
      throws IOException {
    String header = request.getHeader(SESSION_HEADER);
    if (header == null || header.isBlank()) {
      JsonErrors.send(response, 400, id, JsonErrors.TRANSPORT_ERROR, JsonErrors.plain(400,
          "the Mcp-Session-Id header is required; initialize a session first"));
      return null;
    }
    var session = sessions.find(header);
    if (session.isEmpty()) {
      JsonErrors.send(response, 404, id, JsonErrors.SESSION_NOT_FOUND,
          "Session not found: it ended or never existed; initialize a new one");
      return null;
    }
    session.get().touch();
    return session.get();
  }

  /** Whether the request's Accept header admits {@code type} (wildcards included). */
  static boolean accepts(HttpServletRequest request, String type) {
    String accept = request.getHeader("Accept");
    if (accept == null) {
      return false;
    }
    String family = type.substring(0, type.indexOf('/')) + "/*";
    for (String part : accept.split(",")) {
      String media = part.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
      if (media.equals(type) || media.equals(family) || media.equals("*/*")) {
        return true;
      }
    }
    return false;
  }
}
