package dev.taskorchestrator.server.http;

import dev.taskorchestrator.server.JsonRpcGate;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * Every answer of the HTTP transport that is not a JSON-RPC result: a JSON-RPC error body with the
 * request's id when the body was read, and the HTTP status the transport spec gives. Errors of the
 * transport itself use -32000 (and -32001 for an unknown session), as the TypeScript SDK's server does;
 * errors in the message itself keep their JSON-RPC codes (-32700, -32600, ...).
 */
final class JsonErrors {

  /** A refusal by the transport (headers, session, method). */
  static final int TRANSPORT_ERROR = -32000;
  /** The session named in {@code Mcp-Session-Id} does not exist (any more). */
  static final int SESSION_NOT_FOUND = -32001;

  private JsonErrors() {}

  /** Sends {@code status} with a JSON-RPC error; a response already committed is left alone. */
  static void send(HttpServletResponse response, int status, JsonNode id, int code, String message)
      throws IOException {
    sendJson(response, status, JsonRpcGate.errorResponse(id, code, message));
  }

  /** Sends {@code status} with the JSON body {@code json}. */
  static void sendJson(HttpServletResponse response, int status, String json) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentLength(bytes.length);
    // A cancelled task's thread may carry an interrupt, which Tomcat's channel refuses to write with.
    boolean interrupted = Thread.interrupted();
    try {
      response.getOutputStream().write(bytes);
      response.flushBuffer();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The reason phrase for {@code status}, with {@code detail}'s first line after it. */
  static String plain(int status, String detail) {
    String reason = switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 413 -> "Request Too Large";
      case 421 -> "Misdirected Request";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Internal Server Error" : "Error";
    };
    if (detail == null || detail.isBlank()) {
      return reason;
    }
    String line = detail.lines().findFirst().orElse("").strip();
    return reason + ": " + (line.length() > 300 ? line.substring(0, 300) + "…" : line);
  }
}
