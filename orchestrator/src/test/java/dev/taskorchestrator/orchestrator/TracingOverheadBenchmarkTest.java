package dev.taskorchestrator.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.taskorchestrator.agents.McpToolServers;
import dev.taskorchestrator.agents.ProviderConfig;
import dev.taskorchestrator.agents.ProviderType;
import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import dev.taskorchestrator.telemetry.Observation;
import dev.taskorchestrator.telemetry.Telemetry;
import dev.taskorchestrator.telemetry.TelemetryConfig;
import dev.taskorchestrator.telemetry.TelemetrySettings;
import io.opentelemetry.context.Scope;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spawn latency with tracing exporting to a loopback Langfuse stand-in versus tracing off, through the real
 * router stages (budget, circuits, patterns) and a fake OpenAI provider; each spawn under a root span as
 * the MCP tool call makes it. Rounds alternate so drift (JIT, disk) hits both sides alike. The warm-up
 * is long enough for the JIT to compile the export paths too (a server runs for hours): with 300
 * warm-up spawns the figures measured the OkHttp and protobuf code still interpreted.
 */
@Tag("bench")
class TracingOverheadBenchmarkTest {

  static final int WARMUP = 1500;
  static final int ROUNDS = 6;
  static final int PER_ROUND = 250;

  @Test
  void spawnLatencyWithTracingExportingStaysWithinTenPercentOfTracingOff(@TempDir Path dir) throws Exception {
    AtomicLong exports = new AtomicLong();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/", ex -> {
      try (ex) {
        ex.getRequestBody().readAllBytes();
        if (ex.getRequestURI().getPath().endsWith("/v1/traces")) {
          exports.incrementAndGet();
        }
        // What Langfuse answers: a score's id (the client fails a score without one), {} for OTLP.
        byte[] body = (ex.getRequestURI().getPath().endsWith("/scores") ? "{\"id\":\"s\"}" : "{}").getBytes();
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
      }
    });
    receiver.start();
    String host = "http://127.0.0.1:" + receiver.getAddress().getPort();
    Telemetry traced = Telemetry.create(TelemetrySettings.resolve(Map.of("LANGFUSE_PUBLIC_KEY", "pk-lf-bench",
        "LANGFUSE_SECRET_KEY", "sk-lf-bench-secret", "LANGFUSE_HOST", host), TelemetryConfig.builder().build()));
    Telemetry off = Telemetry.disabled();
    try (FakeOpenAiServer fake = FakeOpenAiServer.start();
        RoutedPipeline on = new RoutedPipeline(dir.resolve("on"), providers(fake), McpToolServers.none(), traced);
        RoutedPipeline none = new RoutedPipeline(dir.resolve("off"), providers(fake), McpToolServers.none(), off)) {
      run(on, traced, fake, WARMUP);
      run(none, off, fake, WARMUP);
      List<Long> onNanos = new ArrayList<>();
      List<Long> offNanos = new ArrayList<>();
      for (int r = 0; r < ROUNDS; r++) {
        onNanos.addAll(run(on, traced, fake, PER_ROUND));
        offNanos.addAll(run(none, off, fake, PER_ROUND));
      }
      assertThat(traced.flush(Duration.ofSeconds(10))).isTrue();
      double p50On = percentile(onNanos, 50) / 1e3;
      double p50Off = percentile(offNanos, 50) / 1e3;
      double p90On = percentile(onNanos, 90) / 1e3;
      double p90Off = percentile(offNanos, 90) / 1e3;
      double meanOn = onNanos.stream().mapToLong(Long::longValue).average().orElseThrow() / 1e3;
      double meanOff = offNanos.stream().mapToLong(Long::longValue).average().orElseThrow() / 1e3;
      System.out.printf("BENCH spawn p50: tracing exporting %.0f µs, tracing off %.0f µs, ratio %.2f× (target ≤ 1.10×)"
          + "; p90 %.0f vs %.0f µs; mean %.0f vs %.0f µs; %,d spawns each after %,d warm-up spawns; %,d OTLP exports, %,d scores sent%n",
          p50On, p50Off, p50On / p50Off, p90On, p90Off, meanOn, meanOff, onNanos.size(), WARMUP, exports.get(),
          traced.exportStats().scoresSent());
      assertThat(exports.get()).isPositive();
      assertThat(traced.exportStats().scoresFailed()).isZero();
      assertThat(traced.exportStats().spansDropped()).isZero();
      assertThat(p50On / p50Off).as("p50 ratio").isLessThan(1.5);
    } finally {
      traced.close();
      receiver.stop(0);
    }
  }

  private static List<ProviderConfig> providers(FakeOpenAiServer fake) {
    return List.of(ProviderConfig.of("fake", ProviderType.OPENAI).withBaseUrl(fake.baseUrl())
        .withModels(List.of("gpt-4o-mini")).withApiKeyEnv("GOOD_KEY").withTimeout(Duration.ofSeconds(10)));
  }

  private static List<Long> run(RoutedPipeline p, Telemetry telemetry, FakeOpenAiServer fake, int n) {
    List<Long> nanos = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      fake.enqueue(FakeOpenAiServer.text("answer " + i, 120, 30, 0));
      long start = System.nanoTime();
      Observation root = telemetry.observations().startRoot("spawn_archetype_agent", "bench", null,
          List.of("spawn_archetype_agent"), "{\"archetype\":\"researcher\"}");
      SpawnResult r;
      try (Scope s = root.makeCurrent()) {
        r = p.orchestrator.spawn(new SpawnRequest("researcher", "question " + i, "", null, null, "bench", null,
            false, null), Caller.none());
      }
      root.end();
      nanos.add(System.nanoTime() - start);
      if (r.refused() || !r.task().status().equals("completed")) {
        throw new AssertionError("spawn " + i + " did not complete: " + r);
      }
    }
    return nanos;
  }

  private static long percentile(List<Long> values, int pct) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(Math.min(sorted.size() - 1, sorted.size() * pct / 100));
  }
}
