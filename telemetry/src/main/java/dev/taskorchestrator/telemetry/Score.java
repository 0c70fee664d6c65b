package dev.taskorchestrator.telemetry;

import java.util.Objects;
import java.util.Optional;

/**
 * A Langfuse score on a trace (or one observation of it).
 *
 * @param traceId the 32-hex OTel trace id
 * @param observationId the 16-hex span id, when the score is about one observation
 * @param name score name ({@code cost_usd}, {@code qc_score}, {@code success})
 * @param value numeric value (BOOLEAN scores use 0 or 1)
 * @param kind how Langfuse shows it
 * @param comment free text, empty when none
 */
public record Score(String traceId, Optional<String> observationId, String name, double value, Kind kind, String comment) {

  /** Langfuse score data types we send. */
  public enum Kind { NUMERIC, BOOLEAN }

  public Score {
    Objects.requireNonNull(traceId, "traceId is null");
    Objects.requireNonNull(observationId, "observationId is null");
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(comment, "comment is null");
    if (!traceId.matches("[0-9a-f]{32}")) {
      throw new IllegalArgumentException("traceId must be 32 lowercase hex characters, was '" + traceId + "'");
    }
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("score " + name + " must be finite, was " + value);
    }
    if (kind == Kind.BOOLEAN && value != 0 && value != 1) {
      throw new IllegalArgumentException("boolean score " + name + " must be 0 or 1, was " + value);
    }
  }

  public static Score numeric(String traceId, String name, double value, String comment) {
    return new Score(traceId, Optional.empty(), name, value, Kind.NUMERIC, comment);
  }
}
