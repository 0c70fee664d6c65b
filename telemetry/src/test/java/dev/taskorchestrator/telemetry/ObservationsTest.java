package dev.taskorchestrator.telemetry;

import static dev.taskorchestrator.telemetry.LangfuseAttributes.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.api.trace.StatusCode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ObservationsTest {

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private Telemetry telemetry;

  @AfterEach
  void closeTelemetry() {
    if (telemetry != null) {
      telemetry.close();
    }
  }

  private Observations observations(TelemetryConfig config, Map<String, String> env) {
    telemetry = Telemetry.builder(TelemetrySettings.resolve(env, config)).spanExporter(spans).build();
    return telemetry.observations();
  }

  private Map<String, SpanData> finished() {
    assertThat(telemetry.flush(Duration.ofSeconds(5))).isTrue();
    return spans.getFinishedSpanItems().stream()
        .collect(Collectors.toMap(SpanData::getName, Function.identity(), (first, second) -> first));
  }

  private static String type(SpanData span) {
    return span.getAttributes().get(OBSERVATION_TYPE);
  }

  static GenerationRecord generation(String input, String output) {
    return GenerationRecord.builder("anthropic", "claude-sonnet-4-5")
        .responseModel("claude-sonnet-4-5-20250929")
        .input(input).output(output)
        .usage(Map.of("input", 1200L, "output", 300L, "cache_read_input_tokens", 50L))
        .costUsd(Map.of("input", new BigDecimal("0.0036"), "output", new BigDecimal("0.0045")))
        .startedAt(Instant.parse("2026-11-21T10:00:00Z")).latency(Duration.ofMillis(1500))
        .finishReason("end_turn")
        .retries(List.of(new RetryEvent(1, "rate_limit", "HTTP 429", Duration.ofSeconds(2),
            Instant.parse("2026-11-21T09:59:58Z"))))
        .build();
  }

  /** Runs the request shape the router produces: root, 3 guardrails, agent with 2 generations and a tool, learn, settle. */
  static String simulateRequest(Observations obs) {
    Observation root = obs.startRoot("spawn_archetype_agent", "sess-42", "user-7", List.of("router", "builder"),
        "{\"archetype\":\"builder\",\"task\":\"refactor\"}");
    try (root; Scope s = root.makeCurrent()) {
      try (Observation budget = obs.startGuardrail("router.budget")) {
        budget.guardrailOutcome("allow", List.of(), new BigDecimal("0.25")).budgetWarning("task",
            new BigDecimal("0.80"), new BigDecimal("5.00"));
      }
      try (Observation circuits = obs.startGuardrail("router.circuits")) {
        circuits.guardrailOutcome("allow", List.of(), null).breakerTransition("anthropic", "OPEN", "HALF_OPEN");
      }
      try (Observation patterns = obs.startGuardrail("router.patterns")) {
        patterns.guardrailOutcome("guardrail", List.of("p-17", "p-23"), null);
      }
      try (Observation agent = obs.startAgent("builder"); Scope a = agent.makeCurrent()) {
        obs.recordGeneration(generation("[{\"role\":\"user\",\"content\":\"refactor\"}]", "calling a tool"));
        try (Observation tool = obs.startTool("fs.read_file")) {
          tool.input("{\"path\":\"src/Main.java\"}").output("class Main {}").toolOutcome("CLOSED", 1);
        }
        obs.recordGeneration(generation("[{\"role\":\"tool\",\"content\":\"class Main {}\"}]", "done"));
      }
      obs.startStage("router.learn").end();
      obs.startStage("router.settle").end();
      root.output("{\"status\":\"ok\",\"cost_usd\":\"0.0162\"}");
      return root.traceId();
    }
  }

  @Test
  void requestProducesOneTraceWithTheRouterTree() {
    String traceId = simulateRequest(observations(TelemetryConfig.empty(), Map.of()));

    assertThat(telemetry.flush(Duration.ofSeconds(5))).isTrue();
    List<SpanData> all = spans.getFinishedSpanItems();
    assertThat(all).hasSize(10).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(traceId));
    Map<String, SpanData> byName = all.stream()
        .filter(s -> !s.getName().startsWith("generation"))
        .collect(Collectors.toMap(SpanData::getName, Function.identity()));
    SpanData root = byName.get("tools/call spawn_archetype_agent");
    SpanData agent = byName.get("agent builder");
    assertThat(root.getParentSpanContext().isValid()).isFalse();
    for (String stage : List.of("router.budget", "router.circuits", "router.patterns", "agent builder",
        "router.learn", "router.settle")) {
      assertThat(byName.get(stage).getParentSpanId()).as(stage).isEqualTo(root.getSpanId());
    }
    assertThat(byName.get("tool fs.read_file").getParentSpanId()).isEqualTo(agent.getSpanId());
    List<SpanData> generations = all.stream().filter(s -> s.getName().startsWith("generation")).toList();
    assertThat(generations).hasSize(2).allSatisfy(g -> assertThat(g.getParentSpanId()).isEqualTo(agent.getSpanId()));

    assertThat(type(root)).isEqualTo("span");
    assertThat(type(byName.get("router.budget"))).isEqualTo("guardrail");
    assertThat(type(agent)).isEqualTo("agent");
    assertThat(type(byName.get("tool fs.read_file"))).isEqualTo("tool");
    assertThat(type(generations.get(0))).isEqualTo("generation");
    assertThat(type(byName.get("router.settle"))).isEqualTo("span");
  }

  @Test
  void everySpanCarriesSessionUserTagsAndTraceName() {
    simulateRequest(observations(TelemetryConfig.empty(), Map.of()));
    assertThat(telemetry.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(spans.getFinishedSpanItems()).hasSize(10).allSatisfy(s -> {
      assertThat(s.getAttributes().get(SESSION_ID)).isEqualTo("sess-42");
      assertThat(s.getAttributes().get(USER_ID)).isEqualTo("user-7");
      assertThat(s.getAttributes().get(TRACE_TAGS)).containsExactly("router", "builder");
      assertThat(s.getAttributes().get(TRACE_NAME)).isEqualTo("tools/call spawn_archetype_agent");
    });
  }

  @Test
  void generationCarriesModelUsageOurCostLatencyFinishReasonAndRetries() {
    Observations obs = observations(TelemetryConfig.empty(), Map.of());
    try (Observation root = obs.startRoot("t", null, null, List.of(), "{}")) {
      obs.recordGeneration(root.context(), generation("prompt", "answer"));
    }
    SpanData g = finished().get("generation claude-sonnet-4-5");
    assertThat(g.getAttributes().get(GEN_AI_PROVIDER)).isEqualTo("anthropic");
    assertThat(g.getAttributes().get(GEN_AI_REQUEST_MODEL)).isEqualTo("claude-sonnet-4-5");
    assertThat(g.getAttributes().get(MODEL_NAME)).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(g.getAttributes().get(USAGE_DETAILS))
        .isEqualTo("{\"cache_read_input_tokens\":50,\"input\":1200,\"output\":300}");
    assertThat(g.getAttributes().get(COST_DETAILS)).isEqualTo("{\"input\":0.0036,\"output\":0.0045,\"total\":0.0081}");
    assertThat(g.getAttributes().get(GEN_AI_INPUT_TOKENS)).isEqualTo(1200L);
    assertThat(g.getAttributes().get(GEN_AI_FINISH_REASONS)).containsExactly("end_turn");
    assertThat(g.getEndEpochNanos() - g.getStartEpochNanos()).isEqualTo(Duration.ofMillis(1500).toNanos());
    assertThat(g.getEvents()).singleElement().satisfies(e -> {
      assertThat(e.getName()).isEqualTo("retry");
      assertThat(e.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("rate_limit");
    });
    assertThat(g.getAttributes().get(INPUT)).isEqualTo("prompt");
    assertThat(g.getAttributes().get(OUTPUT)).isEqualTo("answer");
  }

  @Test
  void guardrailAndToolAttributesAndEventsAreRecorded() {
    simulateRequest(observations(TelemetryConfig.empty(), Map.of()));
    Map<String, SpanData> byName = finished();
    SpanData budget = byName.get("router.budget");
    assertThat(budget.getAttributes().get(DECISION)).isEqualTo("allow");
    assertThat(budget.getAttributes().get(RESERVED_USD)).isEqualTo("0.25");
    assertThat(budget.getEvents()).extracting(e -> e.getName()).containsExactly("budget.warning");
    assertThat(byName.get("router.patterns").getAttributes().get(MATCHED_PATTERN_IDS)).containsExactly("p-17", "p-23");
    assertThat(byName.get("router.circuits").getEvents()).singleElement()
        .satisfies(e -> assertThat(e.getAttributes().get(AttributeKey.stringKey("to"))).isEqualTo("HALF_OPEN"));
    SpanData tool = byName.get("tool fs.read_file");
    assertThat(tool.getAttributes().get(BREAKER_STATE)).isEqualTo("CLOSED");
    assertThat(tool.getAttributes().get(RETRIES)).isEqualTo(1L);
    SpanData root = byName.get("tools/call spawn_archetype_agent");
    assertThat(root.getAttributes().get(TRACE_INPUT)).contains("\"archetype\":\"builder\"");
    assertThat(root.getAttributes().get(TRACE_OUTPUT)).contains("\"status\":\"ok\"");
  }

  @Test
  void contentIsTruncatedToTheConfiguredSize() {
    Observations obs = observations(TelemetryConfig.builder().maxContentChars(10).build(), Map.of());
    try (Observation root = obs.startRoot("t", null, null, List.of(), "x".repeat(25))) {
      obs.recordGeneration(root.context(), generation("p".repeat(100), "short"));
    }
    Map<String, SpanData> byName = finished();
    SpanData g = byName.get("generation claude-sonnet-4-5");
    assertThat(g.getAttributes().get(INPUT)).isEqualTo("p".repeat(10) + "…[truncated 90 chars]");
    assertThat(g.getAttributes().get(INPUT_CHARS)).isEqualTo(100L);
    assertThat(g.getAttributes().get(OUTPUT)).isEqualTo("short");
    assertThat(byName.get("tools/call t").getAttributes().get(TRACE_INPUT)).startsWith("xxxxxxxxxx…[truncated 15");
  }

  @Test
  void captureContentFalseRecordsOnlyMetadata() {
    Observations obs = observations(TelemetryConfig.builder().captureContent(false).build(), Map.of());
    try (Observation root = obs.startRoot("t", "s", "u", List.of(), "{\"task\":\"secret plan\"}")) {
      obs.recordGeneration(root.context(), generation("the prompt", "the answer"));
      root.output("the result");
    }
    Map<String, SpanData> byName = finished();
    SpanData g = byName.get("generation claude-sonnet-4-5");
    assertThat(g.getAttributes().get(INPUT)).isNull();
    assertThat(g.getAttributes().get(OUTPUT)).isNull();
    assertThat(g.getAttributes().get(INPUT_CHARS)).isEqualTo(10L);
    assertThat(g.getAttributes().get(USAGE_DETAILS)).isNotNull();
    assertThat(g.getAttributes().get(COST_DETAILS)).isNotNull();
    SpanData root = byName.get("tools/call t");
    assertThat(root.getAttributes().get(TRACE_INPUT)).isNull();
    assertThat(root.getAttributes().get(TRACE_OUTPUT)).isNull();
    assertThat(root.getAttributes().get(INPUT)).isNull();
  }

  @Test
  void secretsAreRedactedFromAttributesEventsStatusAndNames() {
    Map<String, String> env = Map.of("OPENAI_API_KEY", "opaque-openai-secret-value-123");
    Observations obs = observations(TelemetryConfig.builder().secretPatterns(List.of("tenant-[0-9]{4}")).build(), env);
    try (Observation root = obs.startRoot("t", null, null, List.of(), "{\"key\":\"sk-ant-api03-abcdefghijklmnop\"}")) {
      obs.recordGeneration(root.context(), GenerationRecord.builder("openai", "gpt-4o")
          .input("use opaque-openai-secret-value-123 for tenant-1234")
          .output("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig")
          .error("HTTP 401 for key sk-proj-ABCDEFGHIJKLMNOP1234")
          .retries(List.of(new RetryEvent(1, "auth", "Basic dXNlcjpwYXNzd29yZA==", Duration.ZERO, Instant.now())))
          .build());
      try (Observation tool = obs.startTool("http.get?api_key=supersecret99")) {
        tool.fail("token=abcdef123456 rejected");
      }
    }
    String dump = finished().values().toString();
    assertThat(dump).doesNotContain("opaque-openai-secret-value-123", "sk-ant-api03-abcdefghijklmnop",
        "eyJhbGciOiJIUzI1NiJ9", "sk-proj-ABCDEFGHIJKLMNOP1234", "dXNlcjpwYXNzd29yZA==", "tenant-1234",
        "supersecret99", "abcdef123456");
    assertThat(dump).contains(dev.taskorchestrator.redaction.Redactor.MASK);
  }

  @Test
  void backgroundTaskContinuesTheTraceFromACapturedContext() throws Exception {
    Observations obs = observations(TelemetryConfig.empty(), Map.of());
    String traceId;
    String agentSpanId;
    try (Observation root = obs.startRoot("t", "s", "u", List.of("bg"), "{}")) {
      traceId = root.traceId();
      Observation agent = obs.startAgent(root.context(), "researcher");
      agentSpanId = agent.spanId();
      Context captured = agent.context();
      CompletableFuture.runAsync(() -> {
        try (Scope s = captured.makeCurrent(); Observation tool = obs.startTool("search")) {
          tool.toolOutcome("CLOSED", 0);
        }
      }).get();
      agent.end();
    }
    SpanData tool = finished().get("tool search");
    assertThat(tool.getTraceId()).isEqualTo(traceId);
    assertThat(tool.getParentSpanId()).isEqualTo(agentSpanId);
    assertThat(tool.getAttributes().get(TRACE_TAGS)).containsExactly("bg");
  }

  @Test
  void failedSpanHasErrorStatusAndLevel() {
    Observations obs = observations(TelemetryConfig.empty(), Map.of());
    try (Observation root = obs.startRoot("t", null, null, List.of(), null)) {
      root.fail(new IllegalStateException("provider down"));
    }
    SpanData root = finished().get("tools/call t");
    assertThat(root.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(root.getAttributes().get(LEVEL)).isEqualTo("ERROR");
    assertThat(root.getAttributes().get(STATUS_MESSAGE)).isEqualTo("IllegalStateException: provider down");
  }

  @Test
  void disabledTelemetryStillGivesRealTraceIdsAndNoLangfuseUrl() {
    try (Telemetry off = Telemetry.disabled()) {
      Observation root = off.observations().startRoot("t", null, null, List.of(), "{}");
      root.end();
      assertThat(root.traceId()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
      assertThat(off.langfuseTraceUrl(root.traceId())).isEmpty();
      assertThat(off.scores().success(root.traceId(), true)).isFalse();
      assertThat(off.inspector().inspect(root.traceId())).isInstanceOf(TraceInspection.NotConfigured.class);
    }
  }
}
