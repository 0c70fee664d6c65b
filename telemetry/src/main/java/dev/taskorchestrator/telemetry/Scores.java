package dev.taskorchestrator.telemetry;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends scores to Langfuse ({@code POST /api/public/scores}) in the background. {@link #submit}
 * never blocks: scores wait in a bounded queue drained by one thread; a full queue drops the score
 * and counts it. Without Langfuse configured every score is discarded (and not counted as dropped).
 */
public interface Scores {

  /** Queues a score; false when it was discarded (no Langfuse, queue full or closed). */
  boolean submit(Score score);

  /** The request's cost as the budget guard charged it. */
  default boolean costUsd(String traceId, BigDecimal usd) {
    return submit(Score.numeric(traceId, "cost_usd", usd.doubleValue(), "USD " + usd.toPlainString()));
  }

  /** The score a QC archetype returned. */
  default boolean qcScore(String traceId, double score, String comment) {
    return submit(Score.numeric(traceId, "qc_score", score, comment));
  }

  /** Whether the request succeeded (1) or not (0). */
  default boolean success(String traceId, boolean succeeded) {
    return submit(new Score(traceId, Optional.empty(), "success", succeeded ? 1 : 0, Score.Kind.BOOLEAN, ""));
  }

  /** Waits up to {@code timeout} until every queued score has been sent (or failed); true when drained. */
  boolean flush(Duration timeout);

  /** Scores accepted by Langfuse. */
  long sent();

  /** Scores dropped because the queue was full. */
  long droppedQueueFull();

  /** Scores Langfuse refused or that could not be delivered. */
  long failed();

  /** Scores that are always discarded. */
  static Scores discarding() {
    return new Scores() {
      @Override public boolean submit(Score score) { return false; }
      @Override public boolean flush(Duration timeout) { return true; }
      @Override public long sent() { return 0; }
      @Override public long droppedQueueFull() { return 0; }
      @Override public long failed() { return 0; }
    };
  }
}
