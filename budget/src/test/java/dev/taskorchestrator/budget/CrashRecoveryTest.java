package dev.taskorchestrator.budget;

import static dev.taskorchestrator.budget.GuardFixture.call;
import static dev.taskorchestrator.budget.GuardFixture.reserved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.storage.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reservations of an owner that died are released on restart; a live owner's never are. The "dead"
 * process is a real one that has exited, or an owner whose heartbeat is older than the lease.
 */
class CrashRecoveryTest {

  @TempDir Path tmp;

  @Test
  void reservationsOfAProcessThatDiedAreReleasedOnRestart() throws Exception {
    GuardFixture f = new GuardFixture(tmp);
    ProcessIdentity exited = exitedProcess();
    Database crashedDb = GuardFixture.openDb(f.file);
    SqliteBudgetGuard crashed = SqliteBudgetGuard.open(crashedDb, f.options().withProcess(exited));
    crashed.openTask("t", null, Money.usd("5.00"));
    crashed.settle(reserved(crashed.reserve(call("t", "s", "openai", "1.00"))), TokenUsage.of(1, 1), Money.usd("0.40"));
    reserved(crashed.reserve(call("t", "s", "openai", "2.00")));
    reserved(crashed.reserve(call("t", "s", "openai", "1.50")));
    assertThat(f.guard.state(Scope.TASK, "t").reserved()).isEqualTo(Money.usd("3.50"));
    crashedDb.close(); // the process is gone: no close() of its guard, no release

    try (Database db = GuardFixture.openDb(f.file);
        SqliteBudgetGuard restarted = SqliteBudgetGuard.open(db, f.options())) {
      ScopeState t = restarted.state(Scope.TASK, "t");
      assertThat(t.reserved()).isEqualTo(Money.ZERO);
      assertThat(t.spent()).isEqualTo(Money.usd("0.40"));
      assertThat(t.remaining()).isEqualTo(Money.usd("4.60"));
      CostReport report = restarted.report(new ReportQuery(ReportQuery.Period.all(), ReportQuery.GroupBy.TASK, 5));
      assertThat(report.total()).isEqualTo(t.spent());
      assertThat(report.calls()).isEqualTo(1);
      assertThat(restarted.states("s", "t")).allSatisfy(s -> assertThat(s.reserved()).isEqualTo(Money.ZERO));
    }
    f.close();
  }

  @Test
  void reservationsOfAnOwnerSilentLongerThanTheLeaseAreReleased() {
    try (GuardFixture f = new GuardFixture(tmp);
        Database otherDb = GuardFixture.openDb(f.file)) {
      SqliteBudgetGuard stalled = SqliteBudgetGuard.open(otherDb, f.options());
      reserved(stalled.reserve(call("t", null, "openai", "1.00")));
      f.clock.advance(Duration.ofMinutes(1));
      assertThat(f.guard.heartbeat()).isZero();
      f.clock.advance(BudgetOptions.DEFAULT_OWNER_LEASE);
      assertThat(f.guard.heartbeat()).isEqualTo(1);
      assertThat(f.guard.state(Scope.TASK, "t").reserved()).isEqualTo(Money.ZERO);
    }
  }

  @Test
  void aLiveOwnersReservationsAreNeverReleased() {
    try (GuardFixture f = new GuardFixture(tmp);
        Database otherDb = GuardFixture.openDb(f.file);
        SqliteBudgetGuard live = SqliteBudgetGuard.open(otherDb, f.options())) {
      live.openTask("t", null, Money.usd("5.00"));
      String id = reserved(live.reserve(call("t", null, "openai", "1.00")));
      for (int i = 0; i < 5; i++) {
        f.clock.advance(Duration.ofSeconds(30));
        live.heartbeat();
        assertThat(f.guard.heartbeat()).isZero();
      }
      try (Database thirdDb = GuardFixture.openDb(f.file);
          SqliteBudgetGuard restarted = SqliteBudgetGuard.open(thirdDb, f.options())) {
        assertThat(restarted.state(Scope.TASK, "t").reserved()).isEqualTo(Money.usd("1.00"));
      }
      SettleResult s = live.settle(id, TokenUsage.of(1, 1), Money.usd("0.30"));
      assertThat(s.duplicate()).isFalse();
      assertThat(f.guard.state(Scope.TASK, "t").spent()).isEqualTo(Money.usd("0.30"));
      assertThat(f.guard.state(Scope.TASK, "t").reserved()).isEqualTo(Money.ZERO);
    }
  }

  @Test
  void aLateSettlementOfAReleasedReservationStillCountsItsSpend() {
    try (GuardFixture f = new GuardFixture(tmp);
        Database otherDb = GuardFixture.openDb(f.file)) {
      SqliteBudgetGuard stalled = SqliteBudgetGuard.open(otherDb, f.options());
      String id = reserved(stalled.reserve(call("t", null, "openai", "1.00")));
      f.clock.advance(BudgetOptions.DEFAULT_OWNER_LEASE.plusSeconds(1));
      assertThat(f.guard.heartbeat()).isEqualTo(1);
      stalled.settle(id, TokenUsage.of(1, 1), Money.usd("0.70"));
      ScopeState t = f.guard.state(Scope.TASK, "t");
      assertThat(t.spent()).isEqualTo(Money.usd("0.70"));
      assertThat(t.reserved()).isEqualTo(Money.ZERO);
      assertThat(f.reservedNanos()).isZero();
      assertThat(stalled.settle(id, TokenUsage.of(1, 1), Money.usd("0.70")).duplicate()).isTrue();
    }
  }

  @Test
  void closingAGuardReleasesItsOwnOpenReservations() {
    try (GuardFixture f = new GuardFixture(tmp);
        Database otherDb = GuardFixture.openDb(f.file)) {
      SqliteBudgetGuard g = SqliteBudgetGuard.open(otherDb, f.options());
      reserved(g.reserve(call("t", null, "openai", "1.00")));
      g.close();
      assertThat(f.guard.state(Scope.TASK, "t").reserved()).isEqualTo(Money.ZERO);
      assertThat(f.count("budget_owners")).isEqualTo(1);
    }
  }

  @Test
  void scheduledHeartbeatKeepsTheOwnerAlive() throws Exception {
    try (GuardFixture f = new GuardFixture(tmp)) {
      f.clock.advance(Duration.ofMinutes(1));
      var scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
      try {
        var beat = f.guard.scheduleHeartbeat(scheduler, Duration.ofMillis(1));
        long expected = f.clock.millis();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (heartbeatOf(f) != expected && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        beat.cancel(false);
        assertThat(heartbeatOf(f)).isEqualTo(expected);
      } finally {
        scheduler.shutdownNow();
      }
    }
  }

  private static long heartbeatOf(GuardFixture f) {
    return f.db.read(c -> {
      try (var ps = c.prepareStatement("SELECT heartbeat_at_ms FROM budget_owners WHERE owner_id = ?")) {
        ps.setString(1, f.guard.ownerId());
        try (var rs = ps.executeQuery()) {
          return rs.next() ? rs.getLong(1) : -1L;
        }
      }
    });
  }

  @Test
  void aReusedPidWithAnotherStartTimeCountsAsDead() {
    ProcessIdentity self = ProcessIdentity.current();
    ProcessIdentity earlier = new ProcessIdentity(self.host(), self.pid(),
        self.started() == null ? null : self.started().minusSeconds(3600));
    if (self.started() != null) {
      assertThat(earlier.isCertainlyDead(self)).isTrue();
    }
    assertThat(self.isCertainlyDead(self)).isFalse();
    assertThat(new ProcessIdentity("elsewhere", 1, Instant.EPOCH).isCertainlyDead(self)).isFalse();
  }

  private static ProcessIdentity exitedProcess() throws Exception {
    Process p = new ProcessBuilder("true").start();
    ProcessHandle h = p.toHandle();
    Instant started = h.info().startInstant().orElse(null);
    p.waitFor();
    ProcessIdentity self = ProcessIdentity.current();
    return new ProcessIdentity(self.host(), p.pid(), started);
  }
}
