package dev.taskorchestrator.server.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's stand-in for a model: an OpenAI-compatible Chat Completions endpoint on 127.0.0.1 that
 * answers every request with the same fixed text, which says what it is. It is not a model and never
 * pretends to be one; it lets the real server, client, budget and traces run with no API key.
 */
public final class ScriptedModel implements AutoCloseable {

  public static final String MODEL = "scripted-demo-model";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer http;
  private final AtomicInteger requests = new AtomicInteger();

  private ScriptedModel(HttpServer http) {
    this.http = http;
  }

  /** Starts on a free port of 127.0.0.1. */
  public static ScriptedModel start() throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ScriptedModel model = new ScriptedModel(http);
    http.createContext("/v1/chat/completions", model::complete);
    http.createContext("/v1/models", exchange -> send(exchange, 200,
        Map.of("object", "list", "data", List.of(Map.of("id", MODEL, "object", "model", "owned_by", "demo")))));
    http.start();
    return model;
  }

  /** {@code http://127.0.0.1:PORT/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/v1";
  }

  /** How many completions it was asked for. */
  public int requests() {
    return requests.get();
  }

  /** The fixed answer to a task. */
  public String answer(String task) {
    String shown = task.length() > 120 ? task.substring(0, 117) + "..." : task;
    return "[scripted demo model at " + baseUrl() + " - not a real model] You asked: \"" + shown.strip()
        + "\" A real model would answer here; everything around this answer (the MCP call, the budget, "
        + "the breaker, the trace) is the real server.";
  }

  private void complete(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
    String task = "";
    for (JsonNode m : request.path("messages")) {
      if ("user".equals(m.path("role").asString())) {
        task = m.path("content").isString() ? m.path("content").asString() : m.path("content").toString();
      }
    }
    String content = answer(task);
    int in = Math.max(1, request.path("messages").toString().length() / 4);
    int out = Math.max(1, content.length() / 4);
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("id", "chatcmpl-demo-" + requests.get());
    reply.put("object", "chat.completion");
    reply.put("created", System.currentTimeMillis() / 1000);
    reply.put("model", MODEL);
    reply.put("choices", List.of(Map.of("index", 0, "finish_reason", "stop",
        "message", Map.of("role", "assistant", "content", content))));
    reply.put("usage", Map.of("prompt_tokens", in, "completion_tokens", out, "total_tokens", in + out));
    send(exchange, 200, reply);
  }

  private static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
