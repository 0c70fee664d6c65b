package dev.taskorchestrator.budget.internal;

import dev.taskorchestrator.budget.ProcessIdentity;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Processes holding reservations, with their heartbeat. */
public final class OwnerStore {

  /** Another owner as stored. */
  public record Owner(String ownerId, ProcessIdentity process, long heartbeatAtMs) {}

  /** Registers the owner, or refreshes its heartbeat if it is registered. */
  public void upsert(Sql sql, String ownerId, ProcessIdentity p, long nowMs) throws SQLException {
    PreparedStatement ps = sql.ps("INSERT INTO budget_owners(owner_id, host, pid, process_started_ms, started_at_ms,"
        + " heartbeat_at_ms) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(owner_id) DO UPDATE SET"
        + " heartbeat_at_ms = excluded.heartbeat_at_ms");
    ps.setString(1, ownerId);
    ps.setString(2, p.host());
    ps.setLong(3, p.pid());
    if (p.started() == null) {
      ps.setNull(4, Types.INTEGER);
    } else {
      ps.setLong(4, p.started().toEpochMilli());
    }
    ps.setLong(5, nowMs);
    ps.setLong(6, nowMs);
    ps.executeUpdate();
  }

  public List<Owner> others(Sql sql, String ownerId) throws SQLException {
    PreparedStatement ps = sql.ps("SELECT owner_id, host, pid, process_started_ms, heartbeat_at_ms FROM budget_owners"
        + " WHERE owner_id <> ?");
    ps.setString(1, ownerId);
    List<Owner> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long started = rs.getLong(4);
        Instant s = rs.wasNull() ? null : Instant.ofEpochMilli(started);
        out.add(new Owner(rs.getString(1), new ProcessIdentity(rs.getString(2), rs.getLong(3), s), rs.getLong(5)));
      }
    }
    return out;
  }

  public void delete(Sql sql, String ownerId) throws SQLException {
    PreparedStatement ps = sql.ps("DELETE FROM budget_owners WHERE owner_id = ?");
    ps.setString(1, ownerId);
    ps.executeUpdate();
  }
}
