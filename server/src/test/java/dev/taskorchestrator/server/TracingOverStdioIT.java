package dev.taskorchestrator.server;

import dev.taskorchestrator.telemetry.testing.FakeLangfuse;

import static dev.taskorchestrator.telemetry.testing.FakeLangfuse.attr;
import static dev.taskorchestrator.telemetry.testing.FakeLangfuse.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.agents.testing.FakeModelServer;
import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import dev.taskorchestrator.agents.testing.FakeOpenAiServer.Call;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.proto.trace.v1.Span;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 7 end to end: the built jar over stdio with Langfuse keys in its environment, exporting OTLP/protobuf
 * to a fake Langfuse on loopback that decodes what it receives, serves scores and trace reads.
 */
class TracingOverStdioIT {

  static final String PUBLIC_KEY = "pk-lf-e2e-public-1234";
  static final String SECRET_KEY = "sk-lf-e2e-secret-5678abcd";
  static final String TOOL_TOKEN = "tok_e2e_bearer_91c2d3e4f5a6";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path dir;
  static final FakeOpenAiServer fake = FakeOpenAiServer.start();
  static FakeLangfuse langfuse;
  static OrchestratorProcess server;

  @BeforeAll
  static void start() throws Exception {
    langfuse = new FakeLangfuse(PUBLIC_KEY, SECRET_KEY);
    server = OrchestratorProcess.start(E2eConfig.write(dir, fake.baseUrl(), dir.resolve("calls.log")),
        langfuseEnv(langfuse.baseUrl()));
  }

  @AfterAll
  static void stop() {
    server.close();
    fake.close();
    langfuse.close();
  }

  static Map<String, String> langfuseEnv(String host) {
    return Map.of("LANGFUSE_PUBLIC_KEY", PUBLIC_KEY, "LANGFUSE_SECRET_KEY", SECRET_KEY, "LANGFUSE_HOST", host);
  }

  @Test
  void aSpawnIsOneTraceOfRouterChecksAgentGenerationsAndToolWithTheLedgersCostScored() throws Exception {
    fake.enqueue(FakeOpenAiServer.toolCalls(new Call("t1", "files__cached_search", "{\"name\":\"otel\"}")),
        FakeOpenAiServer.text("OpenTelemetry is a tracing standard.", 120, 30, 0));
    Map<String, Object> r = server.call("spawn_archetype_agent",
        Map.of("archetype", "researcher", "task", "What is OpenTelemetry?", "session_id", "sess-e2e"));
    assertThat(r).containsEntry("status", "completed");
    String traceId = (String) r.get("trace_id");
    assertThat(traceId).matches("[0-9a-f]{32}");

    List<Span> spans = await(() -> langfuse.spansOf(traceId),
        s -> s.stream().anyMatch(x -> x.getParentSpanId().isEmpty()), "the root span of " + traceId);
    Map<String, Span> byName = new java.util.HashMap<>();
    spans.forEach(s -> byName.put(s.getName(), s));
    Span root = byName.get("tools/call spawn_archetype_agent");
    assertThat(root).as("root span among %s", byName.keySet()).isNotNull();
    assertThat(spans).filteredOn(s -> s.getParentSpanId().isEmpty()).containsExactly(root);
    assertThat(attr(root, "langfuse.trace.name")).isEqualTo("tools/call spawn_archetype_agent");
    List<Span> guardrails = spans.stream().filter(s -> "guardrail".equals(attr(s, "langfuse.observation.type")))
        .toList();
    assertThat(guardrails).extracting(Span::getName)
        .containsExactlyInAnyOrder("router.budget", "router.circuits", "router.patterns");
    guardrails.forEach(g -> assertThat(parentOf(g)).as(g.getName()).isEqualTo(hex(root.getSpanId())));
    guardrails.forEach(g -> byName.put(g.getName(), g));
    for (String after : List.of("router.settle", "router.learn")) {
      assertThat(parentOf(byName.get(after))).as(after).isEqualTo(hex(root.getSpanId()));
    }
    Span agent = byName.get("agent researcher");
    assertThat(parentOf(agent)).isEqualTo(hex(root.getSpanId()));
    assertThat(attr(agent, "langfuse.observation.type")).isEqualTo("agent");
    Span tool = byName.get("tool files.cached_search");
    assertThat(parentOf(tool)).isEqualTo(hex(agent.getSpanId()));
    assertThat(attr(tool, "langfuse.observation.type")).isEqualTo("tool");
    List<Span> generations = spans.stream()
        .filter(s -> "generation".equals(attr(s, "langfuse.observation.type"))).toList();
    assertThat(generations).hasSize(2).allSatisfy(g -> assertThat(parentOf(g)).isEqualTo(hex(agent.getSpanId())));
    assertThat(spans.indexOf(root)).isNotNegative();
    // router checks before the agent, learn/settle after it
    assertThat(byName.get("router.patterns").getEndTimeUnixNano()).isLessThanOrEqualTo(agent.getStartTimeUnixNano());
    assertThat(byName.get("router.settle").getStartTimeUnixNano()).isGreaterThanOrEqualTo(agent.getEndTimeUnixNano());

    BigDecimal total = BigDecimal.ZERO;
    List<Long> inputs = new ArrayList<>();
    for (Span g : generations) {
      JsonNode usage = JSON.readTree(attr(g, "langfuse.observation.usage_details"));
      inputs.add(usage.get("input").asLong());
      assertThat(usage.get("output").asLong()).isPositive();
      total = total.add(new BigDecimal(JSON.readTree(attr(g, "langfuse.observation.cost_details")).get("total")
          .asString()));
    }
    assertThat(inputs).containsExactlyInAnyOrder(20L, 120L);
    BigDecimal ledger = new BigDecimal(String.valueOf(r.get("cost_usd")));
    assertThat(ledger).isPositive();
    assertThat(total).isEqualByComparingTo(ledger);

    FakeLangfuse.Received post = langfuse.requestsTo("/v1/traces").get(0);
    assertThat(post.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
        .encodeToString((PUBLIC_KEY + ":" + SECRET_KEY).getBytes(StandardCharsets.UTF_8)));
    assertThat(post.header("x-langfuse-ingestion-version")).isEqualTo("4");

    List<JsonNode> scores = await(() -> langfuse.scoresOf(traceId), s -> s.size() >= 2, "scores of " + traceId);
    Map<String, JsonNode> scoreByName = new java.util.HashMap<>();
    scores.forEach(s -> scoreByName.put(s.get("name").asString(), s));
    assertThat(scoreByName).containsOnlyKeys("cost_usd", "success");
    assertThat(BigDecimal.valueOf(scoreByName.get("cost_usd").get("value").asDouble()))
        .isEqualByComparingTo(ledger);
    assertThat(scoreByName.get("success").get("value").asDouble()).isEqualTo(1.0);
  }

  @Test
  void aQcSpawnScoresItsVerdictScore() throws Exception {
    fake.enqueue(FakeOpenAiServer.text("{\"verdict\":\"revise\",\"score\":0.4,\"issues\":[]}", 30, 12, 0));
    Map<String, Object> r = server.call("spawn_archetype_agent",
        Map.of("archetype", "qc", "task", "Review the release notes"));
    assertThat(r).containsEntry("status", "completed");
    String traceId = (String) r.get("trace_id");

    List<JsonNode> scores = await(() -> langfuse.scoresOf(traceId), s -> s.size() >= 3, "scores of " + traceId);
    assertThat(scores).filteredOn(s -> s.get("name").asString().equals("qc_score")).singleElement()
        .satisfies(s -> assertThat(s.get("value").asDouble()).isEqualTo(0.4));
  }

  @Test
  void everyToolResultCarriesItsTraceId() {
    for (String tool : List.of("circuit_status", "query_patterns", "check_budget", "cost_report")) {
      McpSchema.CallToolResult r = server.client.callTool(McpSchema.CallToolRequest.builder(tool)
          .arguments(Map.of()).build());
      Object id = r.structuredContent() instanceof Map<?, ?> m ? m.get("trace_id") : null;
      String text = id != null ? String.valueOf(id) : r.content().toString();
      assertThat(text).as(tool).containsPattern("[0-9a-f]{32}");
    }
    McpSchema.CallToolResult refused = server.client.callTool(McpSchema.CallToolRequest.builder("get_task")
        .arguments(Map.of("task_id", "task_nope")).build());
    assertThat(refused.isError()).isTrue();
    assertThat(refused.content().toString()).containsPattern("trace_id: [0-9a-f]{32}");
  }

  @Test
  void inspectTraceSummarisesTheTraceLangfuseServes() throws Exception {
    fake.enqueue(FakeOpenAiServer.text("Short answer.", 40, 10, 0));
    String traceId = (String) server.call("spawn_archetype_agent",
        Map.of("archetype", "architect", "task", "Name one design pattern")).get("trace_id");
    await(() -> langfuse.spansOf(traceId), s -> s.stream().anyMatch(x -> x.getParentSpanId().isEmpty()), "root");

    McpSchema.CallToolResult r = server.client.callTool(McpSchema.CallToolRequest.builder("inspect_trace")
        .arguments(Map.of("trace_id", traceId)).build());

    assertThat(r.isError()).as("%s", r.content()).isFalse();
    String text = r.content().toString();
    assertThat(text).contains("tools/call spawn_archetype_agent").contains("1 generations")
        .contains("agent architect").contains("router.budget");
  }

  @Test
  void withoutLangfuseInspectTraceSaysSoPlainly(@TempDir Path other) throws Exception {
    OrchestratorProcess plain = OrchestratorProcess.start(E2eConfig.write(other, fake.baseUrl(),
        other.resolve("calls.log")));
    try {
      McpSchema.CallToolResult r = plain.client.callTool(McpSchema.CallToolRequest.builder("inspect_trace")
          .arguments(Map.of("trace_id", "0123456789abcdef0123456789abcdef")).build());
      assertThat(r.isError()).isTrue();
      assertThat(r.content().toString()).containsIgnoringCase("langfuse").containsIgnoringCase("not configured");
    } finally {
      plain.close();
    }
  }

  @Test
  void noSecretEverAppearsInAnExportedByte() throws Exception {
    fake.enqueue(FakeOpenAiServer.toolCalls(new Call("s1", "files__cached_search",
            "{\"name\":\"Authorization: Bearer " + TOOL_TOKEN + "\"}")),
        FakeOpenAiServer.text("Searched with the header.", 40, 10, 0));
    String traceId = (String) server.call("spawn_archetype_agent", Map.of("archetype", "researcher",
        "task", "Search with Authorization: Bearer " + TOOL_TOKEN)).get("trace_id");
    await(() -> langfuse.spansOf(traceId), s -> s.stream().anyMatch(x -> x.getParentSpanId().isEmpty()), "root");
    await(() -> langfuse.scoresOf(traceId), s -> s.size() >= 2, "scores");

    assertThat(langfuse.spansOf(traceId)).anySatisfy(s -> assertThat(s.getName()).isEqualTo("tool files.cached_search"));
    for (FakeLangfuse.Received req : langfuse.requests) {
      String raw = new String(req.body(), StandardCharsets.ISO_8859_1);
      assertThat(raw).as(req.path()).doesNotContain(OrchestratorProcess.KEY, SECRET_KEY, TOOL_TOKEN);
    }
  }

  @Test
  void aLangfuseThatIsDownOrAnswersAfterTenSecondsDoesNotSlowSpawnsOrSurfaceErrors(@TempDir Path other)
      throws Exception {
    try (FakeLangfuse slow = new FakeLangfuse(PUBLIC_KEY, SECRET_KEY)) {
      slow.holdRequests(Duration.ofSeconds(12));
      Map<String, Map<String, String>> cases = new java.util.LinkedHashMap<>();
      cases.put("tracing off", Map.of());
      cases.put("Langfuse answering after 12 s", langfuseEnv(slow.baseUrl()));
      cases.put("Langfuse down", langfuseEnv(FakeModelServer.unusedLoopbackUrl("")));
      Map<String, Long> medians = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, Map<String, String>> c : cases.entrySet()) {
        Path d = other.resolve("case" + medians.size());
        java.nio.file.Files.createDirectories(d);
        Path config = E2eConfig.write(d, fake.baseUrl(), d.resolve("calls.log"));
        OrchestratorProcess p = OrchestratorProcess.start(config, c.getValue());
        try {
          medians.put(c.getKey(), medianSpawnMs(p, 9));
          if (c.getValue().containsValue(slow.baseUrl())) { // the export was attempted, and is held
            await(() -> slow.requests.size(), n -> n > 0, "export attempt at the held endpoint");
          }
          assertThat(p.stderr).noneMatch(l -> l.contains("ERROR"));
        } finally {
          OrchestratorProcess.killServerProcesses(config); // no flush against the held endpoint at shutdown
          p.client.close();
        }
      }
      System.out.println("median spawn latency (fresh server each, over stdio): " + medians);
      long off = medians.get("tracing off");
      assertThat(medians.values()).allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(off * 3 / 2 + 15));
    }
  }

  /** The median wall time of {@code n} spawns through the client, after two warm-up spawns. */
  private static long medianSpawnMs(OrchestratorProcess p, int n) {
    List<Long> ms = new ArrayList<>();
    for (int i = 0; i < n + 2; i++) {
      fake.enqueue(FakeOpenAiServer.text("ok " + i, 10, 2, 0));
      long start = System.nanoTime();
      McpSchema.CallToolResult r = p.client.callTool(McpSchema.CallToolRequest.builder("spawn_archetype_agent")
          .arguments(Map.of("archetype", "builder", "task", "say ok " + i)).build());
      long took = (System.nanoTime() - start) / 1_000_000;
      assertThat(r.isError()).as("%s", r.content()).isFalse();
      assertThat(OrchestratorProcess.structured(r)).containsEntry("status", "completed");
      if (i > 1) {
        ms.add(took);
      }
    }
    return ms.stream().sorted().toList().get(ms.size() / 2);
  }

  private static String parentOf(Span s) {
    assertThat(s).isNotNull();
    return hex(s.getParentSpanId());
  }

  private static <T> T await(Supplier<T> read, java.util.function.Predicate<T> done, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    T value = read.get();
    while (!done.test(value)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " after 10 s: " + value);
      }
      Thread.sleep(50);
      value = read.get();
    }
    return value;
  }
}
