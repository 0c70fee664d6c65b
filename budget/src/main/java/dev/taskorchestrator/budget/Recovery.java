package dev.taskorchestrator.budget;

import dev.taskorchestrator.budget.internal.OwnerStore;
import dev.taskorchestrator.budget.internal.ReservationStore;
import dev.taskorchestrator.budget.internal.ReservationStore.Reservation;
import dev.taskorchestrator.budget.internal.ScopeKey;
import dev.taskorchestrator.budget.internal.ScopeStore;
import dev.taskorchestrator.budget.internal.Sql;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeat and crash recovery, inside one write transaction: refresh this owner, then release the
 * open reservations of owners that are dead. An owner is dead when its process is certainly gone
 * from this host (no such pid, or the pid was reused by a later process) or when it has not beaten
 * for longer than the lease. A released reservation stays as 'orphaned' for a while so that a late
 * settlement (a stalled, not dead, process) still records what was spent.
 */
final class Recovery {

  private static final Logger log = LoggerFactory.getLogger(Recovery.class);

  private final ScopeStore scopes;
  private final ReservationStore reservations;
  private final OwnerStore owners;
  private final TaskChains chains;
  private final BudgetOptions options;

  Recovery(ScopeStore scopes, ReservationStore reservations, OwnerStore owners, TaskChains chains,
      BudgetOptions options) {
    this.scopes = scopes;
    this.reservations = reservations;
    this.owners = owners;
    this.chains = chains;
    this.options = options;
  }

  int run(Sql sql, String ownerId, long nowMs, Duration orphanRetention) throws SQLException {
    owners.upsert(sql, ownerId, options.process(), nowMs);
    int released = 0;
    long staleBefore = nowMs - options.ownerLease().toMillis();
    for (OwnerStore.Owner o : owners.others(sql, ownerId)) {
      boolean silent = o.heartbeatAtMs() < staleBefore;
      if (silent || o.process().isCertainlyDead(options.process())) {
        int n = orphanAll(sql, o.ownerId());
        owners.delete(sql, o.ownerId());
        released += n;
        log.warn("budget: owner {} (pid {} on {}) is gone ({}); released its {} open reservation(s)", o.ownerId(),
            o.process().pid(), o.process().host(), silent ? "no heartbeat within the lease" : "process ended", n);
      }
    }
    for (String orphan : reservations.ownerlessOwners(sql)) {
      released += orphanAll(sql, orphan);
    }
    reservations.purgeOrphans(sql, nowMs - orphanRetention.toMillis());
    return released;
  }

  private int orphanAll(Sql sql, String ownerId) throws SQLException {
    List<Reservation> open = reservations.openOf(sql, ownerId);
    for (Reservation r : open) {
      List<String> chain = r.taskId() == null ? List.of() : chains.chainForRead(sql, r.taskId());
      List<ScopeKey> keys = ScopeKey.forCall(chain, r.sessionId(), r.provider(), r.day(), r.month());
      scopes.addAll(sql, keys, 0, -r.estimateNanos());
      reservations.markOrphaned(sql, r.id());
    }
    return open.size();
  }
}
