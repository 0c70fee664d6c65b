package dev.taskorchestrator.server.http;

import dev.taskorchestrator.server.JsonRpcGate;
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
import java.util.Set;

/**
 * Everything in front of the SDK's servlet: bearer-token check, size limit (refused before the body is
 * read whole), protocol-version check, JSON-RPC validation with proper error answers, and clean error
 * bodies (the SDK's contain a Java stack trace).
 */
final class HttpGuard implements Filter {

  static final Set<String> PROTOCOL_VERSIONS = Set.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");

  private final String endpoint;
  private final byte[] token;
  private final int maxBytes;
  private final JsonRpcGate gate;

  HttpGuard(String endpoint, String token, int maxBytes, JsonRpcGate gate) {
    this.endpoint = endpoint;
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    this.maxBytes = maxBytes;
    this.gate = gate;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    CleanErrorResponse response = new CleanErrorResponse((HttpServletResponse) res);
    try {
      if (admit(request, response)) {
        chain.doFilter(bodyChecked(request, response), response);
      }
    } catch (BodyRejected rejected) {
      // already answered
    } finally {
      response.finish();
    }
  }

  private boolean admit(HttpServletRequest request, CleanErrorResponse response) throws IOException {
    if (!endpoint.equals(request.getRequestURI())) {
      response.sendJsonError(HttpServletResponse.SC_NOT_FOUND, null, JsonRpcGate.INVALID_REQUEST,
          "Not found: the MCP endpoint is " + endpoint);
      return false;
    }
    if (token != null && !authorized(request.getHeader("Authorization"))) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"task-orchestrator\"");
      response.sendJsonError(HttpServletResponse.SC_UNAUTHORIZED, null, JsonRpcGate.INVALID_REQUEST,
          "Unauthorized: send the server's bearer token in the Authorization header");
      return false;
    }
    String version = request.getHeader("MCP-Protocol-Version");
    if (version != null && !PROTOCOL_VERSIONS.contains(version)) {
      response.sendJsonError(HttpServletResponse.SC_BAD_REQUEST, null, JsonRpcGate.INVALID_REQUEST,
          "Bad Request: unsupported MCP-Protocol-Version " + abbreviate(version) + "; supported: "
              + String.join(", ", PROTOCOL_VERSIONS.stream().sorted().toList()));
      return false;
    }
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      tooLarge(response);
      return false;
    }
    return true;
  }

  private HttpServletRequest bodyChecked(HttpServletRequest request, CleanErrorResponse response)
      throws IOException {
    if (!"POST".equals(request.getMethod())) {
      return request;
    }
    byte[] body = readLimited(request.getInputStream(), response);
    String text = new String(body, StandardCharsets.UTF_8);
    switch (gate.check(text)) {
      case JsonRpcGate.Verdict.Pass p -> {
        if (p.method() == null) {
          response.carriesClientResponse();
        }
        return new CachedBodyRequest(request, body);
      }
      case JsonRpcGate.Verdict.Reject r -> response.sendRawJson(HttpServletResponse.SC_BAD_REQUEST, r.response());
      case JsonRpcGate.Verdict.Drop d -> response.setStatus(HttpServletResponse.SC_ACCEPTED);
    }
    throw new BodyRejected();
  }

  private byte[] readLimited(InputStream in, CleanErrorResponse response) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) > 0) {
      out.write(buf, 0, n);
      if (out.size() > maxBytes) {
        tooLarge(response);
        throw new BodyRejected();
      }
    }
    return out.toByteArray();
  }

  private void tooLarge(CleanErrorResponse response) throws IOException {
    response.setHeader("Connection", "close");
    response.sendJsonError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, null, JsonRpcGate.INVALID_REQUEST,
        "Request too large: the limit is " + maxBytes + " bytes (server.max-request-bytes)");
  }

  private boolean authorized(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token);
  }

  private static String abbreviate(String s) {
    String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
  }

  /** Control flow: the request was answered while its body was checked. */
  private static final class BodyRejected extends RuntimeException {
    BodyRejected() {
      super(null, null, false, false);
    }
  }
}
