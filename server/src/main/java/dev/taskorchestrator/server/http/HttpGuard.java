package dev.taskorchestrator.server.http;

import dev.taskorchestrator.server.JsonRpcGate;
import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Everything in front of the MCP endpoint, in this order: the path; Host and Origin (DNS rebinding:
 * 421, 403); CORS for allowed browser origins (preflight answered here); HEAD; the bearer token
 * (compared in constant time); the size limit (refused before the body is read whole); the JSON-RPC gate
 * (a broken message is answered with its id); the protocol-version header. A message that passes is
 * handed on parsed ({@link #MESSAGE}).
 */
final class HttpGuard implements Filter {

  /** The request attribute holding the POSTed message as the gate passed it. */
  static final String MESSAGE = HttpGuard.class.getName() + ".message";
  static final String ALLOW = "GET, POST, DELETE, OPTIONS";
  private static final String ALLOW_HEADERS =
      "Content-Type, Authorization, Mcp-Session-Id, MCP-Protocol-Version, Last-Event-ID, Accept";
  private static final String EXPOSE_HEADERS = "Mcp-Session-Id, MCP-Protocol-Version, WWW-Authenticate";

  private final String endpoint;
  private final byte[] token;
  private final int maxBytes;
  private final JsonRpcGate gate;
  private final ServerHttpHeaderValidator hostsAndOrigins;
  private final Set<String> protocolVersions;

  HttpGuard(String endpoint, String token, int maxBytes, JsonRpcGate gate,
      ServerHttpHeaderValidator hostsAndOrigins, Set<String> protocolVersions) {
    this.endpoint = endpoint;
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    this.maxBytes = maxBytes;
    this.gate = gate;
    this.hostsAndOrigins = hostsAndOrigins;
    this.protocolVersions = Set.copyOf(protocolVersions);
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    if (admit(request, response) && (!"POST".equals(request.getMethod()) || readMessage(request, response))) {
      chain.doFilter(request, response);
    }
  }

  private boolean admit(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!endpoint.equals(request.getRequestURI())) {
      JsonErrors.send(response, 404, null, JsonErrors.TRANSPORT_ERROR, "Not found: the MCP endpoint is " + endpoint);
      return false;
    }
    try {
      hostsAndOrigins.validate(headers(request));
    } catch (ServerTransportSecurityException e) {
      JsonErrors.send(response, e.getStatusCode(), null, JsonErrors.TRANSPORT_ERROR,
          JsonErrors.plain(e.getStatusCode(), e.getMessage()));
      return false;
    }
    String origin = request.getHeader("Origin");
    if (origin != null && !origin.isBlank()) {
      // Passed the validator: a loopback origin or one of server.allowed-origins.
      response.setHeader("Access-Control-Allow-Origin", origin);
      response.addHeader("Vary", "Origin");
      response.setHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
    }
    switch (request.getMethod()) {
      case "OPTIONS" -> {
        response.setHeader("Allow", ALLOW);
        response.setHeader("Access-Control-Allow-Methods", ALLOW);
        response.setHeader("Access-Control-Allow-Headers", ALLOW_HEADERS);
        response.setHeader("Access-Control-Max-Age", "600");
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        return false;
      }
      case "HEAD" -> {
        // GET opens an event stream; a HEAD of it would hang open with nothing to say.
        response.setHeader("Allow", ALLOW);
        response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        return false;
      }
      default -> { }
    }
    if (token != null && !authorized(request.getHeader("Authorization"))) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"task-orchestrator\"");
      JsonErrors.send(response, 401, null, JsonErrors.TRANSPORT_ERROR,
          "Unauthorized: send the server's bearer token in the Authorization header");
      return false;
    }
    if (request.getContentLengthLong() > maxBytes) {
      tooLarge(response);
      return false;
    }
    return true;
  }

  /** Reads the POSTed message through the gate; false when it was answered here. */
  private boolean readMessage(HttpServletRequest request, HttpServletResponse response) throws IOException {
    byte[] body = readLimited(request.getInputStream());
    if (body == null) {
      tooLarge(response);
      return false;
    }
    switch (gate.check(new String(body, StandardCharsets.UTF_8))) {
      case JsonRpcGate.Verdict.Pass p -> {
        String version = request.getHeader("MCP-Protocol-Version");
        if (version != null && !protocolVersions.contains(version)) {
          JsonErrors.send(response, 400, p.id(), JsonErrors.TRANSPORT_ERROR, "Bad Request: unsupported "
              + "MCP-Protocol-Version " + abbreviate(version) + "; supported: "
              + String.join(", ", protocolVersions.stream().sorted().toList()));
          return false;
        }
        request.setAttribute(MESSAGE, p);
        return true;
      }
      case JsonRpcGate.Verdict.Reject r -> JsonErrors.sendJson(response, 400, r.response());
      case JsonRpcGate.Verdict.Drop d -> response.setStatus(HttpServletResponse.SC_ACCEPTED);
    }
    return false;
  }

  /** The body, or null when it is larger than the limit. */
  private byte[] readLimited(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) > 0) {
      out.write(buf, 0, n);
      if (out.size() > maxBytes) {
        return null;
      }
    }
    return out.toByteArray();
  }

  private void tooLarge(HttpServletResponse response) throws IOException {
    response.setHeader("Connection", "close");
    JsonErrors.send(response, 413, null, JsonRpcGate.INVALID_REQUEST,
        "Request too large: the limit is " + maxBytes + " bytes (server.max-request-bytes)");
  }

  private boolean authorized(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token);
  }

  /** The request's headers as the validator reads them; host names compare case-insensitively. */
  private static HeaderAccessor headers(HttpServletRequest request) {
    return new HeaderAccessor() {
      @Override
      public List<String> getHeader(String name) {
        List<String> values = Collections.list(request.getHeaders(name));
        return name.equalsIgnoreCase("Host")
            ? values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList() : values;
      }

      @Override
      public List<String> getHeaderNames() {
        return Collections.list(request.getHeaderNames());
      }
    };
  }

  private static String abbreviate(String s) {
    String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
  }
}
