package dev.taskorchestrator.telemetry.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A loopback stand-in for Langfuse: receives OTLP/HTTP protobuf traces (any path ending in
 * {@code /v1/traces}), scores, trace reads (built from the spans it received) and the projects call
 * the doctor makes. It can hold requests to simulate a slow endpoint.
 */
public final class FakeLangfuse implements AutoCloseable {

  public record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
  }

  public static final JsonMapper JSON = JsonMapper.builder().build();

  public final String publicKey;
  public final String secretKey;
  public final List<Received> requests = new CopyOnWriteArrayList<>();
  public final java.util.Collection<Span> spans = new java.util.concurrent.ConcurrentLinkedQueue<>();
  /** Spans received in total (also when they are not kept). */
  public final java.util.concurrent.atomic.AtomicLong spanCount = new java.util.concurrent.atomic.AtomicLong();
  /** False: count spans and keep no bodies (benchmarks). */
  public volatile boolean keep = true;
  public final List<JsonNode> scores = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile Duration hold = Duration.ZERO;

  public FakeLangfuse(String publicKey, String secretKey) throws IOException {
    this.publicKey = publicKey;
    this.secretKey = secretKey;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every request waits this long (or until close) before it is answered. */
  public void holdRequests(Duration duration) {
    hold = duration;
  }

  /** Every span of one trace received so far. */
  public List<Span> spansOf(String traceId) {
    return spans.stream().filter(s -> hex(s.getTraceId()).equals(traceId)).toList();
  }

  /** Scores received for one trace. */
  public List<JsonNode> scoresOf(String traceId) {
    return scores.stream().filter(s -> traceId.equals(s.path("traceId").asString())).toList();
  }

  public List<Received> requestsTo(String pathSuffix) {
    return requests.stream().filter(r -> r.path().endsWith(pathSuffix)).toList();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
        body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
      }
      String path = ex.getRequestURI().getPath();
      requests.add(new Received(ex.getRequestMethod(), path, Map.copyOf(ex.getRequestHeaders()), keep ? body : new byte[0]));
      if (!hold.isZero()) {
        release.await(hold.toMillis(), TimeUnit.MILLISECONDS);
      }
      route(ex, path, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      // the client gave up (timeout); nothing to answer
    }
  }

  private void route(HttpExchange ex, String path, byte[] body) throws IOException {
    if (path.endsWith("/v1/traces")) {
      ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
      for (ResourceSpans rs : request.getResourceSpansList()) {
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          spanCount.addAndGet(ss.getSpansCount());
          if (keep) {
            spans.addAll(ss.getSpansList());
          }
        }
      }
      send(ex, 200, "{}");
    } else if (path.endsWith("/v1/metrics")) {
      send(ex, 200, "{}");
    } else if (!authorized(ex)) {
      send(ex, 401, "{\"message\":\"Invalid credentials\"}");
    } else if (path.equals("/api/public/scores")) {
      scores.add(JSON.readTree(body));
      send(ex, 200, "{\"id\":\"score-" + scores.size() + "\"}");
    } else if (path.equals("/api/public/projects")) {
      send(ex, 200, "{\"data\":[{\"id\":\"p1\",\"name\":\"demo\",\"metadata\":{}}]}");
    } else if (path.startsWith("/api/public/traces/")) {
      Optional<String> trace = traceJson(path.substring("/api/public/traces/".length()));
      send(ex, trace.isPresent() ? 200 : 404, trace.orElse("{\"message\":\"Trace not found\"}"));
    } else {
      send(ex, 404, "{\"message\":\"no route\"}");
    }
  }

  private boolean authorized(HttpExchange ex) {
    String expected = "Basic " + java.util.Base64.getEncoder()
        .encodeToString((publicKey + ":" + secretKey).getBytes(StandardCharsets.UTF_8));
    return expected.equals(ex.getRequestHeaders().getFirst("Authorization"));
  }

  private static void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  public static String hex(com.google.protobuf.ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  public static String attr(Span span, String key) {
    return span.getAttributesList().stream().filter(kv -> kv.getKey().equals(key)).findFirst()
        .map(KeyValue::getValue).map(v -> v.hasStringValue() ? v.getStringValue() : v.toString().strip())
        .orElse(null);
  }

  /** A Langfuse-shaped trace (GET /api/public/traces/{id}) built from the spans received, as Langfuse would. */
  public Optional<String> traceJson(String traceId) {
    List<Span> traceSpans = spans.stream().filter(s -> hex(s.getTraceId()).equals(traceId)).toList();
    if (traceSpans.isEmpty()) {
      return Optional.empty();
    }
    Span root = traceSpans.stream().filter(s -> s.getParentSpanId().isEmpty()).findFirst().orElseThrow();
    ArrayNode observations = JSON.createArrayNode();
    double totalCost = 0;
    for (Span s : traceSpans) {
      ObjectNode o = observations.addObject();
      o.put("id", hex(s.getSpanId()));
      o.put("traceId", traceId);
      String type = Optional.ofNullable(attr(s, "langfuse.observation.type")).orElse("span");
      o.put("type", type.toUpperCase(java.util.Locale.ROOT));
      o.put("name", s.getName());
      o.put("startTime", iso(s.getStartTimeUnixNano()));
      o.put("endTime", iso(s.getEndTimeUnixNano()));
      o.put("level", Optional.ofNullable(attr(s, "langfuse.observation.level")).orElse("DEFAULT"));
      Optional.ofNullable(attr(s, "langfuse.observation.status_message")).ifPresent(m -> o.put("statusMessage", m));
      if (!s.getParentSpanId().isEmpty()) {
        o.put("parentObservationId", hex(s.getParentSpanId()));
      }
      Optional.ofNullable(attr(s, "langfuse.observation.model.name")).ifPresent(m -> o.put("model", m));
      String usage = attr(s, "langfuse.observation.usage_details");
      if (usage != null) {
        o.set("usageDetails", JSON.readTree(usage));
      }
      String cost = attr(s, "langfuse.observation.cost_details");
      if (cost != null) {
        JsonNode costNode = JSON.readTree(cost);
        o.set("costDetails", costNode);
        totalCost += costNode.get("total").asDouble();
      }
    }
    ObjectNode trace = JSON.createObjectNode();
    trace.put("id", traceId);
    trace.put("timestamp", iso(root.getStartTimeUnixNano()));
    trace.put("name", attr(root, "langfuse.trace.name"));
    trace.put("htmlPath", "/project/p1/traces/" + traceId);
    trace.put("latency", (root.getEndTimeUnixNano() - root.getStartTimeUnixNano()) / 1e9);
    trace.put("totalCost", totalCost);
    trace.set("observations", observations);
    ArrayNode scoreArray = trace.putArray("scores");
    for (JsonNode score : scores) {
      if (traceId.equals(score.path("traceId").asString())) {
        ObjectNode s = scoreArray.addObject();
        s.put("dataType", score.path("dataType").asString("NUMERIC"));
        s.put("id", "s" + scoreArray.size());
        s.put("traceId", traceId);
        s.put("name", score.get("name").asString());
        s.put("value", score.get("value").asDouble());
        s.put("source", "API");
        s.put("timestamp", Instant.now().toString());
        s.put("createdAt", Instant.now().toString());
        s.put("updatedAt", Instant.now().toString());
        if ("BOOLEAN".equals(score.path("dataType").asString())) {
          s.put("stringValue", score.get("value").asDouble() == 1 ? "True" : "False");
        }
      }
    }
    return Optional.of(JSON.writeValueAsString(trace));
  }

  private static String iso(long epochNanos) {
    return Instant.ofEpochSecond(0, epochNanos).toString();
  }

  public List<String> receivedTraceIds() {
    List<String> ids = new ArrayList<>();
    spans.forEach(s -> {
      String id = hex(s.getTraceId());
      if (!ids.contains(id)) {
        ids.add(id);
      }
    });
    return ids;
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
