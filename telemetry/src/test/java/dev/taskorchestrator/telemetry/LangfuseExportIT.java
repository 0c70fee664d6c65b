package dev.taskorchestrator.telemetry;

import dev.taskorchestrator.telemetry.testing.FakeLangfuse;

import static dev.taskorchestrator.telemetry.testing.FakeLangfuse.attr;
import static dev.taskorchestrator.telemetry.testing.FakeLangfuse.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Telemetry against a loopback fake of Langfuse's OTLP, scores, traces and projects endpoints. */
class LangfuseExportIT {

  static final String PK = "pk-lf-public-0001";
  static final String SK = "sk-lf-very-secret-0001";

  private FakeLangfuse langfuse;
  private Telemetry telemetry;

  @BeforeEach
  void startFake() throws Exception {
    langfuse = new FakeLangfuse(PK, SK);
  }

  @AfterEach
  void stop() {
    if (telemetry != null) {
      telemetry.close();
    }
    langfuse.close();
  }

  private Telemetry telemetry(Map<String, String> extraEnv, TelemetryConfig config) {
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("LANGFUSE_PUBLIC_KEY", PK);
    env.put("LANGFUSE_SECRET_KEY", SK);
    env.put("LANGFUSE_HOST", langfuse.baseUrl());
    telemetry = Telemetry.create(TelemetrySettings.resolve(env, config));
    return telemetry;
  }

  @Test
  void exportsOneTraceWithLangfuseHeadersTreeTypesUsageAndCost() {
    Telemetry t = telemetry(Map.of(), TelemetryConfig.empty());
    String traceId = ObservationsTest.simulateRequest(t.observations());
    assertThat(t.flush(Duration.ofSeconds(10))).isTrue();

    FakeLangfuse.Received post = langfuse.requestsTo("/api/public/otel/v1/traces").get(0);
    assertThat(post.header("Authorization"))
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString((PK + ":" + SK).getBytes(StandardCharsets.UTF_8)));
    assertThat(post.header("x-langfuse-ingestion-version")).isEqualTo("4");
    assertThat(post.header("Content-Type")).isEqualTo("application/x-protobuf");
    assertThat(langfuse.receivedTraceIds()).containsExactly(traceId);

    Map<String, Span> byName = langfuse.spans.stream().filter(s -> !s.getName().startsWith("generation"))
        .collect(Collectors.toMap(Span::getName, Function.identity()));
    Span root = byName.get("tools/call spawn_archetype_agent");
    Span agent = byName.get("agent builder");
    assertThat(root.getParentSpanId().isEmpty()).isTrue();
    assertThat(hex(agent.getParentSpanId())).isEqualTo(hex(root.getSpanId()));
    assertThat(hex(byName.get("router.patterns").getParentSpanId())).isEqualTo(hex(root.getSpanId()));
    assertThat(hex(byName.get("tool fs.read_file").getParentSpanId())).isEqualTo(hex(agent.getSpanId()));
    assertThat(attr(byName.get("router.budget"), "langfuse.observation.type")).isEqualTo("guardrail");
    assertThat(attr(agent, "langfuse.observation.type")).isEqualTo("agent");
    assertThat(attr(byName.get("tool fs.read_file"), "langfuse.observation.type")).isEqualTo("tool");
    assertThat(attr(root, "langfuse.trace.name")).isEqualTo("tools/call spawn_archetype_agent");

    List<Span> generations = langfuse.spans.stream().filter(s -> s.getName().startsWith("generation")).toList();
    assertThat(generations).hasSize(2).allSatisfy(g -> {
      assertThat(hex(g.getParentSpanId())).isEqualTo(hex(agent.getSpanId()));
      assertThat(attr(g, "langfuse.observation.type")).isEqualTo("generation");
      assertThat(attr(g, "langfuse.observation.usage_details"))
          .isEqualTo("{\"cache_read_input_tokens\":50,\"input\":1200,\"output\":300}");
      assertThat(attr(g, "langfuse.observation.cost_details"))
          .isEqualTo("{\"input\":0.0036,\"output\":0.0045,\"total\":0.0081}");
      assertThat(attr(g, "session.id")).isEqualTo("sess-42");
    });
    assertThat(langfuse.spans).hasSize(10).allSatisfy(s -> assertThat(attr(s, "user.id")).isEqualTo("user-7"));
  }

  @Test
  void scoresArriveAtLangfuseScoresEndpoint() {
    Telemetry t = telemetry(Map.of(), TelemetryConfig.empty());
    String traceId = ObservationsTest.simulateRequest(t.observations());
    assertThat(t.scores().costUsd(traceId, new BigDecimal("0.0162"))).isTrue();
    assertThat(t.scores().qcScore(traceId, 0.85, "two minor issues")).isTrue();
    assertThat(t.scores().success(traceId, true)).isTrue();
    assertThat(t.flush(Duration.ofSeconds(10))).isTrue();

    Map<String, JsonNode> byName = langfuse.scores.stream()
        .collect(Collectors.toMap(s -> s.get("name").asString(), Function.identity()));
    assertThat(byName).containsOnlyKeys("cost_usd", "qc_score", "success");
    assertThat(byName.get("cost_usd").get("value").asDouble()).isEqualTo(0.0162);
    assertThat(byName.get("cost_usd").get("traceId").asString()).isEqualTo(traceId);
    assertThat(byName.get("qc_score").get("comment").asString()).isEqualTo("two minor issues");
    assertThat(byName.get("success").get("dataType").asString()).isEqualTo("BOOLEAN");
    assertThat(t.exportStats().scoresSent()).isEqualTo(3);
  }

  @Test
  void inspectSummarisesTheTraceLangfuseServes() {
    Telemetry t = telemetry(Map.of(), TelemetryConfig.empty());
    String traceId = ObservationsTest.simulateRequest(t.observations());
    t.scores().success(traceId, true);
    assertThat(t.flush(Duration.ofSeconds(10))).isTrue();

    TraceInspection inspection = t.inspector().inspect(traceId);

    assertThat(inspection).isInstanceOf(TraceInspection.Found.class);
    TraceInspection.Summary summary = ((TraceInspection.Found) inspection).summary();
    assertThat(summary.name()).isEqualTo("tools/call spawn_archetype_agent");
    assertThat(summary.observations()).hasSize(10);
    assertThat(summary.count("GENERATION")).isEqualTo(2);
    assertThat(summary.count("TOOL")).isEqualTo(1);
    assertThat(summary.totalCostUsd()).isEqualByComparingTo("0.0162");
    assertThat(summary.errors()).isEmpty();
    assertThat(summary.url()).contains(langfuse.baseUrl() + "/trace/" + traceId);
    assertThat(summary.scores()).containsEntry("success", 1.0);
    assertThat(summary.observations()).filteredOn(o -> o.name().equals("tool fs.read_file"))
        .singleElement().satisfies(o -> assertThat(o.depth()).isEqualTo(2));
    assertThat(inspection.describe()).contains("10 observations (2 generations, 1 tool calls), 0 errors, cost $0.016200")
        .contains("agent builder [agent]");
  }

  @Test
  void inspectReportsAnUnknownTraceAndAFailedObservation() {
    Telemetry t = telemetry(Map.of(), TelemetryConfig.empty());
    String traceId;
    try (Observation root = t.observations().startRoot("spawn", null, null, List.of(), "{}")) {
      traceId = root.traceId();
      t.observations().startTool(root.context(), "search").fail("HTTP 503 from search").end();
    }
    t.flush(Duration.ofSeconds(10));
    assertThat(t.inspector().inspect("0123456789abcdef0123456789abcdef"))
        .isInstanceOf(TraceInspection.NotFound.class);
    TraceInspection found = t.inspector().inspect(traceId);
    assertThat(((TraceInspection.Found) found).summary().errors()).containsExactly("tool search: HTTP 503 from search");
  }

  @Test
  void closeFlushesQueuedSpansAndScoresWithinTheDeadline() {
    Telemetry t = telemetry(Map.of(), TelemetryConfig.builder().shutdownDeadline(Duration.ofSeconds(5)).build());
    String traceId = ObservationsTest.simulateRequest(t.observations());
    t.scores().costUsd(traceId, new BigDecimal("0.0162"));
    t.close();
    assertThat(langfuse.spans).hasSize(10);
    assertThat(langfuse.scores).hasSize(1);
    assertThat(t.exportStats().spansExported()).isEqualTo(10);
  }

  @Test
  void slowEndpointNeverDelaysTheInstrumentedWorkAndDropsAreCounted() {
    langfuse.holdRequests(Duration.ofSeconds(10));
    Telemetry t = telemetry(Map.of(), TelemetryConfig.builder().queueSize(32)
        .exportTimeout(Duration.ofMillis(200)).shutdownDeadline(Duration.ofMillis(500)).build());
    long[] requestNanos = new long[30];
    long[] scoreNanos = new long[30];
    for (int i = 0; i < 30; i++) {
      long start = System.nanoTime();
      String traceId = ObservationsTest.simulateRequest(t.observations());
      requestNanos[i] = System.nanoTime() - start;
      start = System.nanoTime();
      t.scores().success(traceId, true);
      scoreNanos[i] = System.nanoTime() - start;
    }
    java.util.Arrays.sort(requestNanos);
    java.util.Arrays.sort(scoreNanos);
    // 300 spans into a 32-span queue while every export hangs for 10 s: most are dropped, none waits.
    // The worst case only has to stay far below the hang (a loaded 2-core CI machine has JIT and GC
    // pauses); the typical case shows the work is not slowed at all.
    assertThat(Duration.ofNanos(requestNanos[29])).isLessThan(Duration.ofSeconds(2));
    assertThat(Duration.ofNanos(scoreNanos[29])).isLessThan(Duration.ofSeconds(2));
    assertThat(Duration.ofNanos(requestNanos[15])).isLessThan(Duration.ofMillis(50));
    assertThat(Duration.ofNanos(scoreNanos[15])).isLessThan(Duration.ofMillis(10));
    assertThat(t.exportStats().spansDropped()).isGreaterThan(200);

    long closeStart = System.nanoTime();
    t.close();
    assertThat(Duration.ofNanos(System.nanoTime() - closeStart)).isLessThan(Duration.ofSeconds(3));
    assertThat(t.exportStats().spansExported()).isZero();
  }

  @Test
  void deadEndpointCountsFailedExportsWithoutSurfacingErrors() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    telemetry = Telemetry.create(TelemetrySettings.resolve(Map.of(
        "LANGFUSE_PUBLIC_KEY", PK, "LANGFUSE_SECRET_KEY", SK, "LANGFUSE_HOST", "http://127.0.0.1:" + closedPort),
        TelemetryConfig.builder().exportTimeout(Duration.ofMillis(500)).build()));
    String traceId = ObservationsTest.simulateRequest(telemetry.observations());
    telemetry.scores().success(traceId, false);
    telemetry.flush(Duration.ofSeconds(5));
    assertThat(telemetry.exportStats().spansFailed()).isEqualTo(10);
    assertThat(telemetry.exportStats().scoresFailed()).isEqualTo(1);
    assertThat(telemetry.inspector().inspect(traceId)).isInstanceOf(TraceInspection.Failed.class);
  }

  @Test
  void noSecretValueAppearsInAnyExportedByte() {
    Map<String, String> env = Map.of("ANTHROPIC_API_KEY", "sk-ant-api03-REALKEYVALUE0123456789",
        "GITHUB_TOKEN", "opaque-github-token-xyz987");
    Telemetry t = telemetry(env, TelemetryConfig.builder().secretPatterns(List.of("acct-[0-9]{6}")).build());
    List<String> secrets = List.of("sk-ant-api03-REALKEYVALUE0123456789", "opaque-github-token-xyz987", SK,
        "acct-123456", "sk-proj-LEAKEDLEAKEDLEAKED42", "eyJhbGciOiJIUzI1NiJ9.e30.sig");
    String traceId;
    try (Observation root = t.observations().startRoot("spawn", "s", "u", List.of("acct-123456"),
        "{\"prompt\":\"use key sk-ant-api03-REALKEYVALUE0123456789\"}")) {
      traceId = root.traceId();
      t.observations().recordGeneration(root.context(), GenerationRecord.builder("openai", "gpt-4o")
          .input("token opaque-github-token-xyz987 and " + SK).output("Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig")
          .error("401 for sk-proj-LEAKEDLEAKEDLEAKED42")
          .retries(List.of(new RetryEvent(1, "auth", "acct-123456 refused", Duration.ZERO, Instant.now())))
          .build());
      root.output("done with " + SK);
    }
    t.scores().qcScore(traceId, 0.5, "reviewed acct-123456");
    assertThat(t.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(langfuse.requests).isNotEmpty();
    for (FakeLangfuse.Received r : langfuse.requests) {
      String raw = new String(r.body(), StandardCharsets.ISO_8859_1);
      for (String secret : secrets) {
        assertThat(raw).as("%s body", r.path()).doesNotContain(secret);
      }
    }
    assertThat(new String(langfuse.requestsTo("/v1/traces").get(0).body(), StandardCharsets.ISO_8859_1))
        .contains(dev.taskorchestrator.redaction.Redactor.MASK);
  }

  @Test
  void otlpModeSendsToTheConfiguredEndpointWithItsHeaders() {
    telemetry = Telemetry.create(TelemetrySettings.resolve(Map.of(
        "OTEL_EXPORTER_OTLP_ENDPOINT", langfuse.baseUrl() + "/collector",
        "OTEL_EXPORTER_OTLP_HEADERS", "x-api-token=tok%3Dsecret-value-99,x-tenant=acme"), TelemetryConfig.empty()));
    String traceId = ObservationsTest.simulateRequest(telemetry.observations());
    assertThat(telemetry.flush(Duration.ofSeconds(10))).isTrue();
    FakeLangfuse.Received post = langfuse.requestsTo("/collector/v1/traces").get(0);
    assertThat(post.header("x-api-token")).isEqualTo("tok=secret-value-99");
    assertThat(post.header("x-tenant")).isEqualTo("acme");
    assertThat(post.header("x-langfuse-ingestion-version")).isNull();
    assertThat(langfuse.receivedTraceIds()).containsExactly(traceId);
    assertThat(telemetry.langfuseTraceUrl(traceId)).isEmpty();
  }

  @Test
  void doctorReportsAcceptedKeysAndAReachableEndpoint() {
    List<DoctorCheck> checks = telemetry(Map.of(), TelemetryConfig.empty()).doctor().run();
    assertThat(checks).extracting(DoctorCheck::status).containsExactly(DoctorCheck.Status.OK, DoctorCheck.Status.OK);
    assertThat(checks.get(0).message()).contains("accepted the keys", "demo");
    assertThat(checks.toString()).doesNotContain(SK);
  }

  @Test
  void doctorReportsRejectedKeysInPlainWords() {
    telemetry = Telemetry.create(TelemetrySettings.resolve(Map.of(
        "LANGFUSE_PUBLIC_KEY", PK, "LANGFUSE_SECRET_KEY", "sk-lf-wrong-secret", "LANGFUSE_HOST", langfuse.baseUrl()),
        TelemetryConfig.empty()));
    DoctorCheck keys = telemetry.doctor().run().get(0);
    assertThat(keys.status()).isEqualTo(DoctorCheck.Status.FAIL);
    assertThat(keys.message()).contains("rejected the keys").doesNotContain("sk-lf-wrong-secret");
  }

  @Test
  void doctorReportsAnUnreachableEndpointAndSkipsWhenNothingIsConfigured() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    telemetry = Telemetry.create(TelemetrySettings.resolve(
        Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + closedPort), TelemetryConfig.empty()));
    List<DoctorCheck> checks = telemetry.doctor().run();
    assertThat(checks.get(0).status()).isEqualTo(DoctorCheck.Status.SKIPPED);
    assertThat(checks.get(1).status()).isEqualTo(DoctorCheck.Status.FAIL);
    assertThat(checks.get(1).message()).startsWith("Cannot reach http://127.0.0.1:" + closedPort + "/v1/traces");
    try (Telemetry off = Telemetry.disabled()) {
      assertThat(off.doctor().run()).extracting(DoctorCheck::status)
          .containsOnly(DoctorCheck.Status.SKIPPED);
    }
  }
}
