package dev.taskorchestrator.telemetry;

import com.langfuse.client.LangfuseClient;
import com.langfuse.client.core.LangfuseClientApiException;
import com.langfuse.client.core.LangfuseClientException;
import com.langfuse.client.resources.commons.errors.NotFoundError;
import com.langfuse.client.resources.commons.types.ObservationsView;
import com.langfuse.client.resources.commons.types.ScoreV1;
import com.langfuse.client.resources.commons.types.TraceWithFullDetails;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a trace back from Langfuse ({@code GET /api/public/traces/{id}} through the Langfuse Java
 * client) and summarises it: observations as a tree, errors, cost, latency and scores. Blocking;
 * call it from the {@code inspect_trace} tool, not from a request's hot path.
 */
public final class TraceInspector {

  private final Optional<LangfuseClient> client;
  private final Function<String, Optional<String>> urls;

  TraceInspector(Optional<LangfuseClient> client, Function<String, Optional<String>> urls) {
    this.client = client;
    this.urls = urls;
  }

  /** Fetches and summarises a trace; never throws for remote failures. */
  public TraceInspection inspect(String traceId) {
    if (client.isEmpty()) {
      return new TraceInspection.NotConfigured("Langfuse is not configured (set LANGFUSE_PUBLIC_KEY and "
          + "LANGFUSE_SECRET_KEY, and LANGFUSE_HOST for a self-hosted Langfuse), so traces cannot be read back. "
          + "The trace id " + traceId + " is still valid for any OTLP backend receiving the spans.");
    }
    if (!traceId.matches("[0-9a-f]{32}")) {
      return new TraceInspection.Failed(traceId, "a trace id is 32 lowercase hex characters");
    }
    try {
      return new TraceInspection.Found(summarise(client.get().trace().get(traceId)));
    } catch (NotFoundError e) {
      return new TraceInspection.NotFound(traceId);
    } catch (LangfuseClientApiException e) {
      return new TraceInspection.Failed(traceId, switch (e.statusCode()) {
        case 401 -> "Langfuse rejected the keys (HTTP 401); check LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY.";
        case 403 -> "the keys may not read traces (HTTP 403).";
        default -> "Langfuse answered HTTP " + e.statusCode() + ".";
      });
    } catch (LangfuseClientException e) {
      return new TraceInspection.Failed(traceId, "Langfuse could not be reached or answered something unexpected ("
          + rootCause(e).getClass().getSimpleName() + ").");
    }
  }

  private TraceInspection.Summary summarise(TraceWithFullDetails trace) {
    List<ObservationsView> observations = new ArrayList<>(trace.getObservations());
    observations.sort(Comparator.comparing(ObservationsView::getStartTime));
    Map<String, ObservationsView> byId = new HashMap<>();
    observations.forEach(o -> byId.put(o.getId(), o));
    List<TraceInspection.ObservationLine> lines = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (ObservationsView o : observations) {
      String name = o.getName().orElse("(unnamed)");
      String level = o.getLevel().toString();
      lines.add(new TraceInspection.ObservationLine(name, o.getType(), depth(o, byId), latency(o), o.getModel(),
          cost(o), o.getUsageDetails().orElse(Map.of()), level, o.getStatusMessage()));
      if ("ERROR".equals(level)) {
        errors.add(name + ": " + o.getStatusMessage().orElse("failed"));
      }
    }
    Map<String, Double> scores = new HashMap<>();
    for (ScoreV1 s : trace.getScores()) {
      s.getNumeric().ifPresent(n -> scores.put(n.getName(), n.getValue()));
      s.getBoolean().ifPresent(b -> scores.put(b.getName(), b.getValue()));
    }
    return new TraceInspection.Summary(trace.getId(), trace.getName().orElse("(unnamed)"), urls.apply(trace.getId()),
        lines, errors, BigDecimal.valueOf(trace.getTotalCost()), seconds(trace.getLatency()), scores);
  }

  private static int depth(ObservationsView o, Map<String, ObservationsView> byId) {
    int depth = 0;
    Optional<String> parent = o.getParentObservationId();
    while (parent.isPresent() && byId.containsKey(parent.get()) && depth < 64) {
      depth++;
      parent = byId.get(parent.get()).getParentObservationId();
    }
    return depth;
  }

  private static Duration latency(ObservationsView o) {
    return o.getEndTime().map(end -> Duration.between(o.getStartTime(), end))
        .or(() -> o.getLatency().map(TraceInspector::seconds))
        .orElse(Duration.ZERO);
  }

  private static Optional<BigDecimal> cost(ObservationsView o) {
    return o.getCostDetails().flatMap(c -> Optional.ofNullable(c.get("total")))
        .or(o::getCalculatedTotalCost)
        .map(BigDecimal::valueOf);
  }

  private static Duration seconds(double seconds) {
    return Duration.ofNanos(Math.round(seconds * 1_000_000_000d));
  }

  private static Throwable rootCause(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }
}
