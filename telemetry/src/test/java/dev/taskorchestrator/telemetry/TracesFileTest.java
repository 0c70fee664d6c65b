package dev.taskorchestrator.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code telemetry.traces-file}: traces to look at with no collector and no account. */
class TracesFileTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path tmp;

  @Test
  void everySpanIsAppendedAsOtlpJsonLinesRedactedAndFlushedOnClose() throws Exception {
    Path file = tmp.resolve("traces/spans.jsonl");
    TelemetrySettings settings = TelemetrySettings.resolve(Map.of(), TelemetryConfig.builder()
        .tracesFile(file.toString()).secretPatterns(List.of("sk-[a-z0-9]{6,}")).build());
    assertThat(settings.target()).isInstanceOf(ExportTarget.None.class);
    String traceId;
    try (Telemetry telemetry = Telemetry.create(settings)) {
      Span root = telemetry.tracer().spanBuilder("spawn_archetype_agent").startSpan();
      traceId = root.getSpanContext().getTraceId();
      try (var scope = root.makeCurrent()) {
        telemetry.tracer().spanBuilder("router.budget").startSpan().setAttribute("note", "key sk-abcdef123").end();
      }
      root.end();
    }

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(JSON.readTree(l).has("resourceSpans")).isTrue());
    List<JsonNode> spans = lines.stream().map(JSON::readTree)
        .flatMap(r -> r.path("resourceSpans").valueStream())
        .flatMap(rs -> rs.path("scopeSpans").valueStream())
        .flatMap(ss -> ss.path("spans").valueStream()).toList();
    assertThat(spans).extracting(s -> s.path("name").asString())
        .containsExactlyInAnyOrder("spawn_archetype_agent", "router.budget");
    assertThat(spans).allSatisfy(s -> assertThat(s.path("traceId").asString()).isEqualTo(traceId));
    assertThat(String.join("\n", lines)).contains("task-orchestrator").doesNotContain("sk-abcdef123");
  }

  @Test
  void theDoctorSaysWhereSpansGoAndWhenTheFileCannotBeWritten() throws Exception {
    Path file = tmp.resolve("spans.jsonl");
    try (Telemetry ok = Telemetry.create(TelemetrySettings.resolve(Map.of(),
        TelemetryConfig.builder().tracesFile(file.toString()).build()))) {
      assertThat(ok.doctor().run()).anySatisfy(c -> {
        assertThat(c.name()).isEqualTo("traces file");
        assertThat(c.status()).isEqualTo(DoctorCheck.Status.OK);
        assertThat(c.message()).contains(file.toString(), "OTLP/JSON lines");
      });
    }
    Path blocked = Files.writeString(tmp.resolve("a-file"), "x").resolve("spans.jsonl");
    try (Telemetry bad = Telemetry.create(TelemetrySettings.resolve(Map.of(),
        TelemetryConfig.builder().tracesFile(blocked.toString()).build()))) {
      assertThat(bad.doctor().run()).anySatisfy(c -> {
        assertThat(c.name()).isEqualTo("traces file");
        assertThat(c.status()).isEqualTo(DoctorCheck.Status.FAIL);
        assertThat(c.message()).startsWith("cannot write " + blocked);
      });
    }
  }
}
