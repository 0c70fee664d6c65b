package dev.taskorchestrator.budget;

import dev.taskorchestrator.budget.internal.OwnerStore;
import dev.taskorchestrator.budget.internal.ReportQueries;
import dev.taskorchestrator.budget.internal.ReservationStore;
import dev.taskorchestrator.budget.internal.ReservationStore.Reservation;
import dev.taskorchestrator.budget.internal.ScopeKey;
import dev.taskorchestrator.budget.internal.ScopeRow;
import dev.taskorchestrator.budget.internal.ScopeStore;
import dev.taskorchestrator.budget.internal.Sql;
import dev.taskorchestrator.storage.Database;
import dev.taskorchestrator.storage.Migration;
import dev.taskorchestrator.storage.Schema;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budget guard on the shared SQLite database.
 *
 * <p>Every reserve, settle and release is one {@code BEGIN IMMEDIATE} transaction, so checks and
 * updates on all scopes are atomic, serialised within the process (the database's write lock) and
 * across processes sharing the file. Running totals per scope live in {@code budget_counters} and
 * change in the same transaction as the reservation or ledger row, so no reserve sums the ledger.
 *
 * <p>Crash recovery: each guard registers an owner (one per process) with a heartbeat. On
 * {@link #open} and on every {@link #heartbeat()}, reservations of owners that are certainly dead
 * (their process is gone from this host) or silent for longer than the lease are released; a live
 * owner's reservations are never touched. Call {@code heartbeat()} every ~20 s (lease 2 min).
 */
public final class SqliteBudgetGuard implements BudgetGuard {

  private static final Logger log = LoggerFactory.getLogger(SqliteBudgetGuard.class);
  private static final Duration ORPHAN_RETENTION = Duration.ofDays(7);

  private final Database db;
  private final BudgetOptions options;
  private final String ownerId = UUID.randomUUID().toString();
  private final ScopeStore scopes;
  private final ReservationStore reservations = new ReservationStore();
  private final OwnerStore owners = new OwnerStore();
  private final Sql.Cache statements = new Sql.Cache();
  private final java.util.Map<java.sql.Connection, Sql.Cache> readStatements =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
  private final TaskChains chains;
  private final GroupCommit writes;
  // Open reservations made by this guard, as committed: settling them needs no row decoding.
  private final ConcurrentHashMap<Long, Reservation> mine = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private SqliteBudgetGuard(Database db, BudgetOptions options) {
    this.db = db;
    this.options = options;
    this.scopes = new ScopeStore(options.defaultWarnBelowPercent());
    this.chains = new TaskChains(scopes);
    this.writes = new GroupCommit(db, statements);
  }

  /** The budget module's tables, to pass to {@link Database#open}. */
  public static Schema schema() {
    return Schema.of("budget", Migration.fromResource(SqliteBudgetGuard.class, 1, "ledger",
        "/dev/taskorchestrator/budget/V1__ledger.sql"));
  }

  /** Registers this process as an owner and releases reservations left by dead owners. */
  public static SqliteBudgetGuard open(Database db, BudgetOptions options) {
    SqliteBudgetGuard guard = new SqliteBudgetGuard(Objects.requireNonNull(db, "db is null"),
        Objects.requireNonNull(options, "options is null"));
    int released = guard.heartbeat();
    if (released > 0) {
      log.warn("budget: released {} reservation(s) left open by processes that are gone", released);
    }
    return guard;
  }

  @Override
  public String ownerId() {
    return ownerId;
  }

  @Override
  public ScopeState openTask(String taskId, String parentTaskId, Money cap) {
    Objects.requireNonNull(taskId, "taskId is null");
    if (cap != null && cap.isNegative()) {
      throw new IllegalArgumentException("task budget must not be negative: " + cap);
    }
    return write(sql -> new TaskOpening(scopes, chains, sql, nowMs()).open(taskId, parentTaskId, cap));
  }

  @Override
  public ReserveResult reserve(ReservationRequest req) {
    Objects.requireNonNull(req, "request is null");
    Instant now = options.clock().instant();
    LocalDate today = LocalDate.ofInstant(now, options.zone());
    long est = req.estimate().nanos();
    Reservation[] made = new Reservation[1];
    ReserveResult result = write(sql -> {
      List<String> chain = req.taskId() == null ? List.of() : chains.chainCreatingRoot(sql, req.taskId(), now.toEpochMilli());
      List<ScopeKey> keys = ScopeKey.forCall(chain, req.sessionId(), req.provider(), ScopeKey.dayOf(today),
          ScopeKey.monthOf(today));
      List<ScopeRow> rows = scopes.readAll(sql, keys);
      for (ScopeRow row : rows) {
        Money remaining = row.remaining();
        if (remaining != null && req.estimate().isGreaterThan(remaining)) {
          return Refusals.refused(row, req);
        }
      }
      scopes.addAll(sql, keys, 0, est);
      Reservation r = new Reservation(0, ownerId, ReservationStore.OPEN, req.taskId(), req.sessionId(),
          req.archetype(), req.provider(), req.model(), ScopeKey.dayOf(today), ScopeKey.monthOf(today), est,
          now.toEpochMilli());
      long id = reservations.insert(sql, r);
      made[0] = withId(r, id);
      return new ReserveResult.Reserved(Long.toString(id), req.estimate(), states(rows, Money.ZERO, req.estimate()));
    });
    if (made[0] != null) {
      mine.put(made[0].id(), made[0]); // only once committed: a rolled-back id may be issued again
    }
    return result;
  }

  @Override
  public SettleResult settle(String reservationId, TokenUsage usage, Money actualCost) {
    Objects.requireNonNull(reservationId, "reservationId is null");
    Objects.requireNonNull(usage, "usage is null");
    Objects.requireNonNull(actualCost, "actualCost is null");
    if (actualCost.isNegative()) {
      throw new IllegalArgumentException("actual cost must not be negative: " + actualCost);
    }
    long now = nowMs();
    long id = parseId(reservationId);
    SettleResult result = write(sql -> {
      Reservation r = id < 0 ? null : takeIn(sql, id);
      if (r == null) {
        return alreadySettled(sql, reservationId, id);
      }
      List<ScopeKey> keys = keysOf(sql, r);
      long reservedDelta = ReservationStore.OPEN.equals(r.status()) ? -r.estimateNanos() : 0;
      List<ScopeRow> rows = scopes.readAll(sql, keys);
      scopes.addAll(sql, keys, actualCost.nanos(), reservedDelta);
      reservations.appendLedger(sql, r, usage, actualCost.nanos(), now);
      reservations.addToDaily(sql, r, usage, actualCost.nanos(),
          ScopeKey.dayOf(LocalDate.ofInstant(Instant.ofEpochMilli(now), options.zone())));
      if (actualCost.nanos() > r.estimateNanos()) {
        log.warn("budget: call {} on {} cost {} which is more than its reserved worst case {}", reservationId,
            r.model(), actualCost, Money.ofNanos(r.estimateNanos()));
      }
      return new SettleResult(reservationId, actualCost, false,
          states(rows, actualCost, Money.ofNanos(reservedDelta)));
    });
    mine.remove(id);
    return result;
  }

  @Override
  public boolean release(String reservationId) {
    Objects.requireNonNull(reservationId, "reservationId is null");
    long id = parseId(reservationId);
    boolean released = id >= 0 && write(sql -> releaseIn(sql, id));
    mine.remove(id);
    return released;
  }

  @Override
  public List<ScopeState> states(String sessionId, String taskId) {
    LocalDate today = today();
    return read(sql -> {
      List<ScopeKey> keys = new ArrayList<>(taskId == null ? List.of() : taskKeys(chains.chainForRead(sql, taskId)));
      if (sessionId != null) {
        keys.add(ScopeKey.session(sessionId));
      }
      keys.add(ScopeKey.day(ScopeKey.dayOf(today)));
      keys.add(ScopeKey.month(ScopeKey.monthOf(today)));
      for (String p : scopes.providers(sql, ScopeKey.dayOf(today))) {
        keys.add(ScopeKey.provider(p, ScopeKey.dayOf(today)));
      }
      return scopes.readAll(sql, keys).stream().map(ScopeRow::toState).toList();
    });
  }

  @Override
  public ScopeState state(Scope scope, String id) {
    ScopeKey key = keyOf(scope, id);
    return read(sql -> scopes.read(sql, key).toState());
  }

  @Override
  public ScopeState setLimit(Scope scope, String id, Money limit, int warnBelowPercent) {
    Objects.requireNonNull(scope, "scope is null");
    if (warnBelowPercent < 0 || warnBelowPercent > 100) {
      throw new IllegalArgumentException("warn_below_percent must be 0..100: " + warnBelowPercent);
    }
    if (limit != null && limit.isNegative()) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    ScopeKey key = keyOf(scope, scope == Scope.DAY || scope == Scope.MONTH ? null : id);
    return write(sql -> {
      scopes.setLimit(sql, scope, key.key(), limit, warnBelowPercent, nowMs());
      return scopes.read(sql, key).toState();
    });
  }

  @Override
  public CostReport report(ReportQuery query) {
    Objects.requireNonNull(query, "query is null");
    Instant now = options.clock().instant();
    LocalDate today = today();
    // Whole days come from the daily totals; a report since an instant reads the ledger itself.
    return switch (query.period()) {
      case ReportQuery.Period.Today t -> read(sql -> ReportQueries.daily(sql, query, today, zoned(today), now));
      case ReportQuery.Period.ThisMonth m -> read(sql -> ReportQueries.daily(sql, query, today.withDayOfMonth(1),
          zoned(today.withDayOfMonth(1)), now));
      case ReportQuery.Period.All a -> read(sql -> ReportQueries.daily(sql, query, null, null, now));
      case ReportQuery.Period.Since s -> read(sql -> ReportQueries.ledger(sql, query, s.from(), now));
    };
  }

  @Override
  public int heartbeat() {
    return write(sql -> new Recovery(scopes, reservations, owners, chains, options)
        .run(sql, ownerId, nowMs(), ORPHAN_RETENTION));
  }

  /**
   * Runs {@link #heartbeat()} every {@code every} on {@code scheduler} (e.g. 20 s for the default
   * 2-minute lease); a failed heartbeat is logged and retried at the next tick. Cancel the returned
   * future before {@link #close()}.
   */
  public java.util.concurrent.ScheduledFuture<?> scheduleHeartbeat(
      java.util.concurrent.ScheduledExecutorService scheduler, Duration every) {
    if (every.compareTo(options.ownerLease()) >= 0) {
      throw new IllegalArgumentException("heartbeat interval " + every + " must be shorter than the owner lease "
          + options.ownerLease());
    }
    return scheduler.scheduleWithFixedDelay(() -> {
      try {
        if (!closed) {
          heartbeat();
        }
      } catch (RuntimeException e) {
        log.warn("budget: heartbeat failed, will retry: {}", e.getMessage());
      }
    }, every.toMillis(), every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    int released = write(sql -> {
      int n = 0;
      for (Reservation r : reservations.openOf(sql, ownerId)) {
        n += releaseIn(sql, r.id()) ? 1 : 0;
      }
      owners.delete(sql, ownerId);
      return n;
    });
    mine.clear();
    closed = true;
    if (released > 0) {
      log.info("budget: released {} reservation(s) still open at close", released);
    }
  }

  private boolean releaseIn(Sql sql, long reservationId) throws SQLException {
    Reservation r = takeIn(sql, reservationId);
    if (r == null) {
      return false;
    }
    if (ReservationStore.OPEN.equals(r.status())) {
      scopes.addAll(sql, keysOf(sql, r), 0, -r.estimateNanos());
    }
    return true;
  }

  /** Deletes and returns a reservation; this guard's own open ones without reading the row back. */
  private Reservation takeIn(Sql sql, long id) throws SQLException {
    Reservation own = mine.get(id);
    if (own != null && reservations.deleteOpen(sql, id)) {
      return own;
    }
    return reservations.take(sql, id); // released by recovery, made by another process, or gone
  }

  private static Reservation withId(Reservation r, long id) {
    return new Reservation(id, r.ownerId(), r.status(), r.taskId(), r.sessionId(), r.archetype(), r.provider(),
        r.model(), r.day(), r.month(), r.estimateNanos(), r.createdAtMs());
  }

  /** Reservation ids are decimal numbers; anything else is an id never issued (-1). */
  private static long parseId(String reservationId) {
    try {
      return Long.parseLong(reservationId);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private SettleResult alreadySettled(Sql sql, String reservationId, long id) throws SQLException {
    ReservationStore.Settled s = id < 0 ? null : reservations.settled(sql, id);
    if (s == null) {
      throw new BudgetException("no open reservation '" + reservationId
          + "': it was never issued, or it was released; nothing was settled");
    }
    LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(s.atMs()), options.zone());
    List<String> chain = s.taskId() == null ? List.of() : chains.chainForRead(sql, s.taskId());
    List<ScopeKey> keys = ScopeKey.forCall(chain, s.sessionId(), s.provider(), ScopeKey.dayOf(day), ScopeKey.monthOf(day));
    return new SettleResult(reservationId, Money.ofNanos(s.costNanos()), true,
        scopes.readAll(sql, keys).stream().map(ScopeRow::toState).toList());
  }

  private List<ScopeKey> keysOf(Sql sql, Reservation r) throws SQLException {
    List<String> chain = r.taskId() == null ? List.of() : chains.chainForRead(sql, r.taskId());
    return ScopeKey.forCall(chain, r.sessionId(), r.provider(), r.day(), r.month());
  }

  private static List<ScopeKey> taskKeys(List<String> chain) {
    return chain.stream().map(ScopeKey::task).toList();
  }

  private static List<ScopeState> states(List<ScopeRow> before, Money spentDelta, Money reservedDelta) {
    return before.stream().map(r -> r.plus(spentDelta, reservedDelta).toState()).toList();
  }

  private ScopeKey keyOf(Scope scope, String id) {
    LocalDate today = today();
    return switch (scope) {
      case TASK -> ScopeKey.task(Objects.requireNonNull(id, "task id is null"));
      case SESSION -> ScopeKey.session(Objects.requireNonNull(id, "session id is null"));
      case DAY -> ScopeKey.day(id == null ? ScopeKey.dayOf(today) : LocalDate.parse(id).toString());
      case MONTH -> ScopeKey.month(id == null ? ScopeKey.monthOf(today) : java.time.YearMonth.parse(id).toString());
      case PROVIDER -> ScopeKey.provider(Objects.requireNonNull(id, "provider is null"), ScopeKey.dayOf(today));
    };
  }

  private Instant zoned(LocalDate day) {
    return day.atStartOfDay(options.zone()).toInstant();
  }

  private LocalDate today() {
    return LocalDate.ofInstant(options.clock().instant(), options.zone());
  }

  private long nowMs() {
    return options.clock().millis();
  }

  private <T> T write(SqlWork<T> work) {
    ensureOpen();
    return writes.run(work);
  }

  private <T> T read(SqlWork<T> work) {
    ensureOpen();
    // A read connection is lent to one thread at a time, so its statements can be kept with it.
    return db.read(c -> work.apply(Sql.cached(c, readStatements.computeIfAbsent(c, k -> new Sql.Cache()))));
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("budget guard " + ownerId + " is closed");
    }
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T apply(Sql sql) throws SQLException;
  }
}
