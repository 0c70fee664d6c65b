package dev.taskorchestrator.budget;

import dev.taskorchestrator.storage.Database;
import dev.taskorchestrator.storage.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** A database file, a clock and helpers shared by the guard tests. */
final class GuardFixture implements AutoCloseable {

  static final ZoneId ZONE = ZoneId.of("Europe/Paris");

  final Path file;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
  final Database db;
  final SqliteBudgetGuard guard;

  GuardFixture(Path dir) {
    this.file = dir.resolve("t.db");
    this.db = openDb(file);
    this.guard = SqliteBudgetGuard.open(db, options());
  }

  static Database openDb(Path file) {
    return Database.open(file, List.of(SqliteBudgetGuard.schema()));
  }

  BudgetOptions options() {
    return BudgetOptions.ofDefaults().withClock(clock).withZone(ZONE);
  }

  static ReservationRequest call(String task, String session, String provider, String estimate) {
    return new ReservationRequest(task, session, "builder", provider, "gpt-4o", Money.usd(estimate));
  }

  static String reserved(ReserveResult r) {
    return switch (r) {
      case ReserveResult.Reserved ok -> ok.reservationId();
      case ReserveResult.Refused no -> throw new AssertionError("refused: " + no.message());
    };
  }

  static ScopeState find(List<ScopeState> states, Scope scope) {
    return states.stream().filter(s -> s.scope() == scope).findFirst().orElseThrow();
  }

  /** Sum of the ledger's costs, straight from SQL. */
  long ledgerNanos() {
    return db.read(c -> {
      try (var rs = c.createStatement().executeQuery("SELECT COALESCE(SUM(cost_nanos), 0) FROM budget_ledger")) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  long count(String table) {
    return db.read(c -> {
      try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /** Sum of reserved amounts over every running total. */
  long reservedNanos() {
    return db.read(c -> {
      try (var rs = c.createStatement().executeQuery("SELECT COALESCE(SUM(reserved_nanos), 0) FROM budget_counters")) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Override
  public void close() {
    guard.close();
    db.close();
  }
}
