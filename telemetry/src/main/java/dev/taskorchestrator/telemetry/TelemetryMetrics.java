package dev.taskorchestrator.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.math.BigDecimal;
import java.util.function.LongSupplier;

/**
 * The orchestrator's OpenTelemetry metrics, exported with OTLP next to the spans (when a metrics
 * endpoint is configured). Spend is a double counter in USD: metrics are for dashboards; the
 * exact figures live in the budget ledger.
 */
public final class TelemetryMetrics {

  static final AttributeKey<String> ARCHETYPE = AttributeKey.stringKey("archetype");
  static final AttributeKey<String> STATUS = AttributeKey.stringKey("status");
  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
  static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
  static final AttributeKey<String> BREAKER = AttributeKey.stringKey("breaker");
  static final AttributeKey<String> FROM = AttributeKey.stringKey("from");
  static final AttributeKey<String> TO = AttributeKey.stringKey("to");
  static final AttributeKey<String> PATTERN_ID = AttributeKey.stringKey("pattern_id");
  static final AttributeKey<String> SIGNAL = AttributeKey.stringKey("signal");
  static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");

  private final LongCounter spawns;
  private final LongCounter modelCalls;
  private final LongCounter tokens;
  private final DoubleCounter spend;
  private final LongCounter breakerTransitions;
  private final LongCounter patternMatches;

  TelemetryMetrics(Meter meter, ExportCounters drops) {
    spawns = meter.counterBuilder("orchestrator.spawns").setDescription("Agent spawns by archetype and status").build();
    modelCalls = meter.counterBuilder("orchestrator.model.calls").setDescription("Model calls by provider and model").build();
    tokens = meter.counterBuilder("orchestrator.model.tokens").setUnit("{token}")
        .setDescription("Tokens by provider, model and type").build();
    spend = meter.counterBuilder("orchestrator.spend").ofDoubles().setUnit("USD")
        .setDescription("Money spent on model calls").build();
    breakerTransitions = meter.counterBuilder("orchestrator.breaker.transitions")
        .setDescription("Circuit breaker state transitions").build();
    patternMatches = meter.counterBuilder("orchestrator.pattern.matches")
        .setDescription("Failure patterns matched").build();
    meter.counterBuilder("telemetry.export.dropped").setDescription("Telemetry items dropped, never exported")
        .buildWithCallback(m -> {
          m.record(drops.spansQueueFull().getAsLong(), Attributes.of(SIGNAL, "spans", REASON, "queue_full"));
          m.record(drops.spansExportFailed().getAsLong(), Attributes.of(SIGNAL, "spans", REASON, "export_failed"));
          m.record(drops.scoresQueueFull().getAsLong(), Attributes.of(SIGNAL, "scores", REASON, "queue_full"));
          m.record(drops.scoresFailed().getAsLong(), Attributes.of(SIGNAL, "scores", REASON, "export_failed"));
        });
  }

  /** One agent spawn finished ({@code status}: ok, error, budget_exceeded, circuit_open, immune_blocked...). */
  public void spawn(String archetype, String status) {
    spawns.add(1, Attributes.of(ARCHETYPE, archetype, STATUS, status));
  }

  /** One model call with its token counts. */
  public void modelCall(String provider, String model, long inputTokens, long outputTokens) {
    modelCalls.add(1, Attributes.of(PROVIDER, provider, MODEL, model));
    tokens.add(inputTokens, Attributes.of(PROVIDER, provider, MODEL, model, TOKEN_TYPE, "input"));
    tokens.add(outputTokens, Attributes.of(PROVIDER, provider, MODEL, model, TOKEN_TYPE, "output"));
  }

  /** Money settled for a model call. */
  public void spend(String provider, String model, BigDecimal usd) {
    spend.add(usd.doubleValue(), Attributes.of(PROVIDER, provider, MODEL, model));
  }

  public void breakerTransition(String breaker, String from, String to) {
    breakerTransitions.add(1, Attributes.of(BREAKER, breaker, FROM, from, TO, to));
  }

  public void patternMatch(String patternId) {
    patternMatches.add(1, Attributes.of(PATTERN_ID, patternId));
  }

  /** Live drop counters read by the {@code telemetry.export.dropped} instrument. */
  record ExportCounters(LongSupplier spansQueueFull, LongSupplier spansExportFailed,
      LongSupplier scoresQueueFull, LongSupplier scoresFailed) {}
}
