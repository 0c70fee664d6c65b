package dev.taskorchestrator.resilience.internal;

import dev.taskorchestrator.resilience.BreakerKind;
import dev.taskorchestrator.resilience.BreakerState;
import dev.taskorchestrator.resilience.BreakerStore;
import dev.taskorchestrator.resilience.ErrorClass;
import dev.taskorchestrator.resilience.PersistedBreaker;
import dev.taskorchestrator.storage.Database;
import dev.taskorchestrator.storage.Migration;
import dev.taskorchestrator.storage.Schema;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** {@link BreakerStore} on the {@code circuit_breakers} table of the shared SQLite file. */
public final class SqliteBreakerStore implements BreakerStore {

  /** The {@code resilience} schema. */
  public static final Schema SCHEMA = Schema.of("resilience",
      Migration.fromResource(SqliteBreakerStore.class, 1, "circuit_breakers",
          "/dev/taskorchestrator/resilience/V1__circuit_breakers.sql"));

  private static final String UPSERT = """
      INSERT INTO circuit_breakers (name, kind, state, opened_at, open_until, consecutive_failures,
                                    last_error_class, last_message, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, state = excluded.state,
        opened_at = excluded.opened_at, open_until = excluded.open_until,
        consecutive_failures = excluded.consecutive_failures,
        last_error_class = excluded.last_error_class, last_message = excluded.last_message,
        updated_at = excluded.updated_at""";

  private static final String SELECT_ALL = """
      SELECT name, kind, state, opened_at, open_until, consecutive_failures, last_error_class,
             last_message, updated_at
      FROM circuit_breakers ORDER BY name""";

  private final Database db;

  public SqliteBreakerStore(Database db) {
    this.db = Objects.requireNonNull(db, "db is null");
  }

  @Override
  public List<PersistedBreaker> loadAll() {
    return db.read(c -> {
      List<PersistedBreaker> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(SELECT_ALL); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
      return out;
    });
  }

  @Override
  public void save(PersistedBreaker b) {
    db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
        ps.setString(1, b.name());
        ps.setString(2, b.kind().wireName());
        ps.setString(3, b.state().wireName());
        setInstant(ps, 4, b.openedAt());
        setInstant(ps, 5, b.openUntil());
        ps.setInt(6, b.consecutiveFailures());
        ps.setString(7, b.lastErrorClass().map(ErrorClass::wireName).orElse(null));
        ps.setString(8, b.lastMessage().orElse(null));
        ps.setLong(9, b.updatedAt().toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }

  private static PersistedBreaker row(ResultSet rs) throws SQLException {
    String errorClass = rs.getString("last_error_class");
    return new PersistedBreaker(
        rs.getString("name"),
        BreakerKind.ofWireName(rs.getString("kind")),
        BreakerState.ofWireName(rs.getString("state")),
        instant(rs, "opened_at"),
        instant(rs, "open_until"),
        rs.getInt("consecutive_failures"),
        Optional.ofNullable(errorClass).map(e -> ErrorClass.valueOf(e.toUpperCase(Locale.ROOT))),
        Optional.ofNullable(rs.getString("last_message")),
        Instant.ofEpochMilli(rs.getLong("updated_at")));
  }

  private static void setInstant(PreparedStatement ps, int index, Optional<Instant> value)
      throws SQLException {
    if (value.isPresent()) {
      ps.setLong(index, value.get().toEpochMilli());
    } else {
      ps.setNull(index, Types.INTEGER);
    }
  }

  private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
  }
}
