package dev.taskorchestrator.telemetry;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The outcome of {@link TraceInspector#inspect}: a summary, or a plain reason why there is none. */
public sealed interface TraceInspection {

  /** Langfuse is not configured, so traces cannot be read back. */
  record NotConfigured(String message) implements TraceInspection {}

  /** Langfuse has no trace with that id (yet: ingestion can lag). */
  record NotFound(String traceId) implements TraceInspection {}

  /** The read failed (unreachable, refused keys, unexpected answer). */
  record Failed(String traceId, String message) implements TraceInspection {}

  /** The trace, summarised. */
  record Found(Summary summary) implements TraceInspection {}

  /**
   * @param observations in start order; {@code depth} 0 are the trace's top-level observations
   * @param errors one line per observation at level ERROR
   * @param totalCostUsd Langfuse's total cost for the trace
   * @param latency Langfuse's trace latency
   * @param scores score name to value
   */
  record Summary(String traceId, String name, Optional<String> url, List<ObservationLine> observations,
      List<String> errors, BigDecimal totalCostUsd, Duration latency, Map<String, Double> scores) {
    public Summary {
      Objects.requireNonNull(traceId, "traceId is null");
      observations = List.copyOf(observations);
      errors = List.copyOf(errors);
      scores = Map.copyOf(scores);
    }

    /** Number of observations of the given Langfuse type ({@code GENERATION}, {@code TOOL}...). */
    public long count(String type) {
      return observations.stream().filter(o -> o.type().equalsIgnoreCase(type)).count();
    }
  }

  /** One observation of the trace. */
  record ObservationLine(String name, String type, int depth, Duration latency, Optional<String> model,
      Optional<BigDecimal> costUsd, Map<String, Integer> usage, String level, Optional<String> statusMessage) {}

  /** Plain words for a tool result. */
  default String describe() {
    return switch (this) {
      case NotConfigured n -> n.message();
      case NotFound n -> "Langfuse has no trace " + n.traceId()
          + " (yet: traces can take a few seconds to a few minutes to appear).";
      case Failed f -> "Could not read trace " + f.traceId() + " from Langfuse: " + f.message();
      case Found f -> TraceSummaryText.of(f.summary());
    };
  }
}
