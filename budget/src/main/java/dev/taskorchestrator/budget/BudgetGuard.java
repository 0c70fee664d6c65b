package dev.taskorchestrator.budget;

import java.util.List;

/**
 * The budget guard: money is reserved before every model call and settled after it, on every scope
 * that applies (the task and its ancestor tasks, the session, the day, the month, the provider's
 * day), so that no pattern of concurrent calls or crashes can spend more than a limit.
 *
 * <pre>{@code
 * guard.openTask("t1", null, Money.usd("5.00"));
 * Money worst = prices.estimate(ModelRef.of("gpt-4o"), inputTokens, maxTokens);
 * switch (guard.reserve(new ReservationRequest("t1", session, "builder", "openai", "gpt-4o", worst))) {
 *   case ReserveResult.Refused r -> stop(r.message());
 *   case ReserveResult.Reserved r -> {
 *     try { var resp = call(); guard.settle(r.reservationId(), usage, prices.cost(model, usage)); }
 *     catch (Exception e) { guard.release(r.reservationId()); throw e; }  // or settle a partial cost
 *   }
 * }
 * }</pre>
 */
public interface BudgetGuard extends AutoCloseable {

  /**
   * Registers a task. A root task's {@code cap} is its limit (null: unlimited). A sub-task spends
   * from its parent's remaining budget: its limit is {@code cap}, or the parent's remaining amount
   * when {@code cap} is null; a cap above the parent's remaining amount is refused.
   *
   * @return the task's state
   * @throws BudgetException if the parent is unknown, the cap exceeds what the parent has left,
   *     or the task exists with another parent
   */
  ScopeState openTask(String taskId, String parentTaskId, Money cap);

  /** Holds {@code request.estimate()} on every scope that applies, atomically, or refuses. */
  ReserveResult reserve(ReservationRequest request);

  /**
   * Records the real cost of a reserved call in the ledger and releases the rest of the estimate.
   * Idempotent: settling the same reservation again changes nothing and says so.
   *
   * @throws BudgetException if the reservation id was never issued (or was released)
   */
  SettleResult settle(String reservationId, TokenUsage usage, Money actualCost);

  /** Gives back a reservation whose call cost nothing (it failed before reaching the model). */
  boolean release(String reservationId);

  /**
   * The state of the scopes a call in this session and task would be charged on: the task and its
   * ancestors, the session, today, this month and every provider with a limit or spend today.
   */
  List<ScopeState> states(String sessionId, String taskId);

  /** One scope's state; for day and month, id is a period ({@code 2026-11-21}, {@code 2026-11}) or null for the current one. */
  ScopeState state(Scope scope, String id);

  /**
   * Sets (null: removes) a scope's limit and warning threshold; it applies to the next reservation.
   * For day and month, id is ignored: the limit applies to every day or month.
   */
  ScopeState setLimit(Scope scope, String id, Money limit, int warnBelowPercent);

  /** Spend over a period from the ledger. */
  CostReport report(ReportQuery query);

  /**
   * Marks this process alive and releases reservations of owners that are dead (process gone on
   * this host, or heartbeat older than the lease). Call it periodically, well within the lease.
   *
   * @return how many reservations were released
   */
  int heartbeat();

  /** This guard's owner id (one per process). */
  String ownerId();

  /** Releases this owner's open reservations and unregisters it. The database stays open. */
  @Override
  void close();
}
