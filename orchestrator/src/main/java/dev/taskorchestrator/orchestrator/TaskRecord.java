package dev.taskorchestrator.orchestrator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A spawn as it is stored: what was asked, how it ended and what it produced.
 *
 * @param status {@code running}, {@code completed}, {@code failed}, {@code cancelled}, {@code max_steps},
 *     {@code refused}, {@code interrupted} or a stop status such as {@code budget_exhausted}
 * @param costUsd what its model calls cost, as settled in the budget ledger
 * @param toolCalls each as {@code {name, ok, error?}}
 * @param endedAt null while running
 */
public record TaskRecord(
    String id,
    String parentId,
    String sessionId,
    String archetype,
    String status,
    String task,
    String context,
    String output,
    Object structuredOutput,
    String provider,
    String model,
    Usage usage,
    java.math.BigDecimal costUsd,
    int steps,
    List<Map<String, Object>> toolCalls,
    String stopReason,
    String errorClass,
    Instant startedAt,
    Instant endedAt) {

  public static final String RUNNING = "running";
  public static final String INTERRUPTED = "interrupted";
  public static final String REFUSED = "refused";

  public TaskRecord {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    usage = usage == null ? Usage.NONE : usage;
    costUsd = costUsd == null ? java.math.BigDecimal.ZERO : costUsd;
  }

  public boolean running() {
    return RUNNING.equals(status);
  }

  /** Tokens over all model calls of a task. */
  public record Usage(long inputTokens, long outputTokens, long cachedInputTokens, long cacheWriteTokens) {
    public static final Usage NONE = new Usage(0, 0, 0, 0);
  }
}
