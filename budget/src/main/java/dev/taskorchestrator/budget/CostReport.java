package dev.taskorchestrator.budget;

import java.time.Instant;
import java.util.List;

/**
 * Spend over a period, from the ledger.
 *
 * @param from start of the period (inclusive), or null for all time
 * @param to when the report was made
 * @param groupBy what each row stands for
 * @param rows the largest groups by cost, at most topN
 * @param calls calls in the whole period (not only the rows shown)
 * @param tokens tokens in the whole period
 * @param total cost of the whole period
 */
public record CostReport(
    Instant from, Instant to, ReportQuery.GroupBy groupBy, List<Row> rows, long calls, TokenUsage tokens, Money total) {

  public CostReport {
    rows = List.copyOf(rows);
  }

  /**
   * One group.
   *
   * @param key the task id, session id, archetype, model or provider; null when the calls had none
   * @param calls settled calls
   * @param tokens tokens by kind
   * @param cost total cost
   */
  public record Row(String key, long calls, TokenUsage tokens, Money cost) {}
}
