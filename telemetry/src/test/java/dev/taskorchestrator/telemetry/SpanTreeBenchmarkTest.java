package dev.taskorchestrator.telemetry;

import dev.taskorchestrator.telemetry.testing.FakeLangfuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Cost of one request's span tree (root, 3 guardrails, agent, learn, settle, 2 generations, 1 tool:
 * 10 spans) with the OTel no-op API, with telemetry disabled (SDK spans, no export) and with export
 * to a loopback fake Langfuse (gzip protobuf over HTTP); then the same tree around a simulated 2 ms spawn.
 */
@Tag("bench")
class SpanTreeBenchmarkTest {

  private static final int WARMUP_TREES = 30_000;
  private static final int MEASURED_TREES = 50_000;
  private static final int SPAWNS = 1_500;
  private static final long SPAWN_NANOS = 2_000_000;

  @Test
  void spanTreeCost() throws Exception {
    Observations noop = new Observations(OpenTelemetry.noop().getTracer("bench"), new ContentPolicy(true, 8_000), "");
    try (Telemetry disabled = Telemetry.disabled();
         FakeLangfuse langfuse = new FakeLangfuse("pk-lf-bench", "sk-lf-bench-secret");
         Telemetry exporting = Telemetry.create(TelemetrySettings.resolve(Map.of("LANGFUSE_PUBLIC_KEY", "pk-lf-bench",
             "LANGFUSE_SECRET_KEY", "sk-lf-bench-secret", "LANGFUSE_HOST", langfuse.baseUrl()),
             TelemetryConfig.builder().queueSize(65_536).build()))) {
      langfuse.keep = false;
      for (Observations obs : new Observations[] {noop, disabled.observations(), exporting.observations()}) {
        warmUp(obs);
      }
      assertThat(exporting.flush(Duration.ofSeconds(30))).isTrue();
      ExportStats before = exporting.exportStats();
      long[] export = trees(exporting.observations());
      long[] sdkOnly = trees(disabled.observations());
      long[] off = trees(noop);
      assertThat(exporting.flush(Duration.ofSeconds(30))).isTrue();
      ExportStats during = exporting.exportStats();
      System.out.printf(Locale.ROOT, "BENCH tight loop of %,d trees: %,d spans exported, %,d dropped (queue full)%n",
          MEASURED_TREES, during.spansExported() - before.spansExported(), during.spansDropped() - before.spansDropped());
      report("no-op API (telemetry off)", off);
      report("SDK, no export", sdkOnly);
      report("export to fake Langfuse", export);

      long[] spawnOff = spawns(noop);
      long[] spawnExport = spawns(exporting.observations());
      assertThat(exporting.flush(Duration.ofSeconds(30))).isTrue();
      ExportStats afterSpawns = exporting.exportStats();
      System.out.printf(Locale.ROOT, "BENCH spawns: %,d spans exported, %,d dropped%n",
          afterSpawns.spansExported() - during.spansExported(), afterSpawns.spansDropped() - during.spansDropped());
      double ratio = (double) p(spawnExport, 50) / p(spawnOff, 50);
      System.out.printf(Locale.ROOT, "BENCH spawn 2 ms + tree: p50 %,d µs off vs %,d µs exporting = %.3fx%n",
          p(spawnOff, 50) / 1_000, p(spawnExport, 50) / 1_000, ratio);
      System.out.printf(Locale.ROOT, "BENCH fake Langfuse received %,d spans in %,d OTLP requests%n",
          langfuse.spanCount.get(), langfuse.requestsTo("/v1/traces").size());
    }
  }

  private static void warmUp(Observations obs) {
    for (int i = 0; i < WARMUP_TREES; i++) {
      ObservationsTest.simulateRequest(obs);
    }
  }

  private static long[] trees(Observations obs) {
    long[] nanos = new long[MEASURED_TREES];
    for (int i = 0; i < MEASURED_TREES; i++) {
      long start = System.nanoTime();
      ObservationsTest.simulateRequest(obs);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return nanos;
  }

  private static long[] spawns(Observations obs) {
    long[] nanos = new long[SPAWNS];
    for (int i = 0; i < SPAWNS; i++) {
      long start = System.nanoTime();
      spin(SPAWN_NANOS);
      ObservationsTest.simulateRequest(obs);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return nanos;
  }

  /** Simulated spawn work: busy, so the scheduler does not add sleep jitter. */
  private static void spin(long nanos) {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }

  private static long p(long[] sorted, int percentile) {
    return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)];
  }

  private static void report(String label, long[] sorted) {
    double mean = Arrays.stream(sorted).average().orElse(0);
    System.out.printf(Locale.ROOT, "BENCH span tree (10 spans), %s: p50 %.1f µs, p99 %.1f µs, mean %.1f µs per tree%n",
        label, p(sorted, 50) / 1e3, p(sorted, 99) / 1e3, mean / 1e3);
  }
}
