package dev.taskorchestrator.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.concurrent.CountDownLatch;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryMetricsTest {

  private static long sum(Collection<MetricData> metrics, String name, String key, String value) {
    return metrics.stream().filter(m -> m.getName().equals(name))
        .flatMap(m -> m.getLongSumData().getPoints().stream())
        .filter(p -> value.equals(p.getAttributes().get(AttributeKey.stringKey(key))))
        .mapToLong(LongPointData::getValue).sum();
  }

  @Test
  void countsSpawnsModelCallsTokensSpendBreakersAndPatterns() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (Telemetry t = Telemetry.builder(TelemetrySettings.disabled()).metricReader(reader).build()) {
      TelemetryMetrics m = t.metrics();
      m.spawn("builder", "ok");
      m.spawn("builder", "ok");
      m.spawn("qc", "budget_exceeded");
      m.modelCall("anthropic", "claude-sonnet-4-5", 1200, 300);
      m.spend("anthropic", "claude-sonnet-4-5", new BigDecimal("0.0081"));
      m.breakerTransition("anthropic", "CLOSED", "OPEN");
      m.patternMatch("p-17");
      Collection<MetricData> metrics = reader.collectAllMetrics();
      assertThat(sum(metrics, "orchestrator.spawns", "archetype", "builder")).isEqualTo(2);
      assertThat(sum(metrics, "orchestrator.spawns", "status", "budget_exceeded")).isEqualTo(1);
      assertThat(sum(metrics, "orchestrator.model.calls", "gen_ai.provider.name", "anthropic")).isEqualTo(1);
      assertThat(sum(metrics, "orchestrator.model.tokens", "gen_ai.token.type", "input")).isEqualTo(1200);
      assertThat(sum(metrics, "orchestrator.model.tokens", "gen_ai.token.type", "output")).isEqualTo(300);
      assertThat(sum(metrics, "orchestrator.breaker.transitions", "to", "OPEN")).isEqualTo(1);
      assertThat(sum(metrics, "orchestrator.pattern.matches", "pattern_id", "p-17")).isEqualTo(1);
      assertThat(metrics.stream().filter(d -> d.getName().equals("orchestrator.spend"))
          .flatMap(d -> d.getDoubleSumData().getPoints().stream()).mapToDouble(p -> p.getValue()).sum())
          .isEqualTo(0.0081);
    }
  }

  @Test
  void reportsSpansDroppedBecauseTheQueueWasFull() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    CountDownLatch release = new CountDownLatch(1);
    SpanExporter stuck = new SpanExporter() {
      @Override public CompletableResultCode export(Collection<SpanData> spans) {
        CompletableResultCode result = new CompletableResultCode();
        Thread.ofVirtual().start(() -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          result.succeed();
        });
        return result;
      }
      @Override public CompletableResultCode flush() { return CompletableResultCode.ofSuccess(); }
      @Override public CompletableResultCode shutdown() { return CompletableResultCode.ofSuccess(); }
    };
    TelemetrySettings tiny = TelemetrySettings.resolve(Map.of(), TelemetryConfig.builder().queueSize(4)
        .shutdownDeadline(java.time.Duration.ofMillis(200)).build());
    try (Telemetry t = Telemetry.builder(tiny).spanExporter(stuck).metricReader(reader).build()) {
      for (int i = 0; i < 3; i++) {
        ObservationsTest.simulateRequest(t.observations());
      }
      long dropped = t.exportStats().spansDropped();
      assertThat(dropped).isGreaterThanOrEqualTo(30 - 4 * 2);
      assertThat(sum(reader.collectAllMetrics(), "telemetry.export.dropped", "reason", "queue_full")).isEqualTo(dropped);
    } finally {
      release.countDown();
    }
  }
}
