package dev.taskorchestrator.server.http;

import dev.taskorchestrator.server.JsonRpcGate;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rewrites every error answer (status 400 and up) into a plain JSON-RPC error. The SDK serialises its
 * exception object, stack trace included, and Tomcat's error page names its version; neither leaves.
 */
final class CleanErrorResponse extends HttpServletResponseWrapper {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private StringWriter buffered;
  private PrintWriter bufferedWriter;
  private PrintWriter writer;
  private boolean answered;
  private boolean clientResponse;

  CleanErrorResponse(HttpServletResponse response) {
    super(response);
  }

  /**
   * Marks the request body as a JSON-RPC response from the client. The SDK answers a response it was
   * not waiting for (an unknown id) with 500; that is the client's error, so it becomes a 400 (the
   * transport spec: "cannot accept the input" gets a 4xx).
   */
  void carriesClientResponse() {
    clientResponse = true;
  }

  @Override
  public void setStatus(int sc) {
    super.setStatus(clientResponse && sc == SC_INTERNAL_SERVER_ERROR ? SC_BAD_REQUEST : sc);
  }

  /**
   * Leaves the {@code Connection} header to Tomcat, except our own {@code close}. The SDK sets
   * {@code Connection: keep-alive} on every event stream; on the connection's last request (Tomcat's
   * maxKeepAliveRequests) Tomcat then adds {@code Connection: close} as a second header, and a client
   * reading only the first one (Java's HttpClient does) pools a connection the server is closing: its
   * next request there fails or its event stream is cut off.
   */
  @Override
  public void setHeader(String name, String value) {
    if (!isHopByHopKeepAlive(name, value)) {
      super.setHeader(name, value);
    }
  }

  @Override
  public void addHeader(String name, String value) {
    if (!isHopByHopKeepAlive(name, value)) {
      super.addHeader(name, value);
    }
  }

  private static boolean isHopByHopKeepAlive(String name, String value) {
    return "Connection".equalsIgnoreCase(name) && !"close".equalsIgnoreCase(value == null ? "" : value.strip());
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    if (getStatus() >= 400 && !answered) {
      if (bufferedWriter == null) {
        buffered = new StringWriter();
        bufferedWriter = new PrintWriter(buffered);
      }
      return bufferedWriter;
    }
    if (writer == null) {
      writer = new UninterruptedWriter(super.getWriter());
    }
    return writer;
  }

  @Override
  public void sendError(int sc, String msg) throws IOException {
    sendJsonError(sc, null, JsonRpcGate.INVALID_REQUEST, plain(sc, msg));
  }

  @Override
  public void sendError(int sc) throws IOException {
    sendJsonError(sc, null, JsonRpcGate.INVALID_REQUEST, plain(sc, null));
  }

  void sendJsonError(int status, JsonNode id, int code, String message) throws IOException {
    sendRawJson(status, JsonRpcGate.errorResponse(id, code, message));
  }

  void sendRawJson(int status, String json) throws IOException {
    if (isCommitted() || answered) {
      return;
    }
    answered = true;
    status = clientResponse && status == SC_INTERNAL_SERVER_ERROR ? SC_BAD_REQUEST : status;
    HttpServletResponse r = (HttpServletResponse) getResponse();
    r.setStatus(status);
    r.setContentType("application/json");
    r.setCharacterEncoding(StandardCharsets.UTF_8.name());
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    r.setContentLength(bytes.length);
    r.getOutputStream().write(bytes);
    r.flushBuffer();
  }

  /** Sends the cleaned form of whatever error body the servlet wrote. */
  void finish() throws IOException {
    if (buffered == null || answered) {
      return;
    }
    bufferedWriter.flush();
    int code = JsonRpcGate.INVALID_REQUEST;
    String message = plain(getStatus(), null);
    try {
      JsonNode body = MAPPER.readTree(buffered.toString());
      JsonNode rpc = body.has("jsonRpcError") ? body.get("jsonRpcError") : body.path("error");
      if (rpc.path("code").isInt()) {
        code = rpc.path("code").asInt();
      }
      if (rpc.path("message").isString()) {
        message = firstLine(rpc.path("message").asString());
      }
    } catch (JacksonException notJson) {
      // keep the generic message
    }
    if (clientResponse && code == JsonRpcGate.INTERNAL_ERROR) {
      code = JsonRpcGate.INVALID_REQUEST;
    }
    sendJsonError(getStatus(), null, code, message);
  }

  static String plain(int status, String msg) {
    String reason = switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 413 -> "Request Too Large";
      case 421 -> "Misdirected Request";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Internal Server Error" : "Error";
    };
    return msg == null || msg.isBlank() ? reason : reason + ": " + firstLine(msg);
  }

  private static String firstLine(String s) {
    String line = s.lines().findFirst().orElse("").strip();
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
