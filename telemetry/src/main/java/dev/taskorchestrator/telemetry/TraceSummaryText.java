package dev.taskorchestrator.telemetry;

import java.math.RoundingMode;

/** Renders a trace summary as a short indented text tree. */
final class TraceSummaryText {

  private TraceSummaryText() {}

  static String of(TraceInspection.Summary s) {
    StringBuilder out = new StringBuilder();
    out.append("Trace ").append(s.traceId()).append(" \"").append(s.name()).append("\": ")
        .append(s.observations().size()).append(" observations (")
        .append(s.count("GENERATION")).append(" generations, ").append(s.count("TOOL")).append(" tool calls), ")
        .append(s.errors().size()).append(" errors, cost $")
        .append(s.totalCostUsd().setScale(6, RoundingMode.HALF_UP).toPlainString())
        .append(", latency ").append(s.latency().toMillis()).append(" ms.\n");
    s.url().ifPresent(u -> out.append("Open: ").append(u).append('\n'));
    for (TraceInspection.ObservationLine o : s.observations()) {
      out.append("  ".repeat(o.depth() + 1)).append(o.name()).append(" [").append(o.type().toLowerCase(java.util.Locale.ROOT))
          .append("] ").append(o.latency().toMillis()).append(" ms");
      o.model().ifPresent(m -> out.append(", ").append(m));
      if (!o.usage().isEmpty()) {
        out.append(", tokens ").append(o.usage());
      }
      o.costUsd().ifPresent(c -> out.append(", $").append(c.toPlainString()));
      if (!"DEFAULT".equals(o.level())) {
        out.append(", ").append(o.level());
      }
      o.statusMessage().ifPresent(m -> out.append(": ").append(m));
      out.append('\n');
    }
    if (!s.scores().isEmpty()) {
      out.append("Scores: ").append(new java.util.TreeMap<>(s.scores())).append('\n');
    }
    return out.toString();
  }
}
