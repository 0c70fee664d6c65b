package dev.taskorchestrator.budget.internal;

import dev.taskorchestrator.budget.TokenUsage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Open reservations and the append-only ledger, in SQL. */
public final class ReservationStore {

  public static final String OPEN = "open";
  public static final String ORPHANED = "orphaned";

  private static final String INSERTED = "owner_id, status, task_id, session_id, archetype,"
      + " provider, model, day, month, estimate_nanos, created_at_ms";
  private static final String COLUMNS = "reservation_id, " + INSERTED;

  /** A reservation as stored. */
  public record Reservation(long id, String ownerId, String status, String taskId, String sessionId,
      String archetype, String provider, String model, String day, String month, long estimateNanos,
      long createdAtMs) {}

  /** The part of a ledger row needed to answer a repeated settlement. */
  public record Settled(long costNanos, String taskId, String sessionId, String provider, long atMs) {}

  /** Stores a reservation (its {@code id} is ignored) and returns the id it was given. */
  public long insert(Sql sql, Reservation r) throws SQLException {
    PreparedStatement ps = sql.ps("INSERT INTO budget_reservations(" + INSERTED + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)"
        + " RETURNING reservation_id");
    ps.setString(1, r.ownerId());
    ps.setString(2, r.status());
    ps.setString(3, r.taskId());
    ps.setString(4, r.sessionId());
    ps.setString(5, r.archetype());
    ps.setString(6, r.provider());
    ps.setString(7, r.model());
    ps.setString(8, r.day());
    ps.setString(9, r.month());
    ps.setLong(10, r.estimateNanos());
    ps.setLong(11, r.createdAtMs());
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  public Reservation find(Sql sql, long id) throws SQLException {
    PreparedStatement ps = sql.ps("SELECT " + COLUMNS + " FROM budget_reservations WHERE reservation_id = ?");
    ps.setLong(1, id);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? row(rs) : null;
    }
  }

  /** Open reservations of one owner. */
  public List<Reservation> openOf(Sql sql, String ownerId) throws SQLException {
    PreparedStatement ps = sql.ps("SELECT " + COLUMNS + " FROM budget_reservations WHERE owner_id = ? AND status = 'open'");
    ps.setString(1, ownerId);
    List<Reservation> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(row(rs));
      }
    }
    return out;
  }

  /** Owners of open reservations that have no owner row (left by an interrupted clean-up). */
  public List<String> ownerlessOwners(Sql sql) throws SQLException {
    PreparedStatement ps = sql.ps("SELECT DISTINCT owner_id FROM budget_reservations WHERE status = 'open'"
        + " AND owner_id NOT IN (SELECT owner_id FROM budget_owners)");
    List<String> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  public void markOrphaned(Sql sql, long id) throws SQLException {
    PreparedStatement ps = sql.ps("UPDATE budget_reservations SET status = 'orphaned' WHERE reservation_id = ?");
    ps.setLong(1, id);
    ps.executeUpdate();
  }

  /** Deletes a reservation if it is open; true if it was. */
  public boolean deleteOpen(Sql sql, long id) throws SQLException {
    PreparedStatement ps = sql.ps("DELETE FROM budget_reservations WHERE reservation_id = ? AND status = 'open'");
    ps.setLong(1, id);
    return ps.executeUpdate() == 1;
  }

  /** Deletes a reservation and returns it, or null if there is none. */
  public Reservation take(Sql sql, long id) throws SQLException {
    PreparedStatement ps = sql.ps("DELETE FROM budget_reservations WHERE reservation_id = ? RETURNING " + COLUMNS);
    ps.setLong(1, id);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? row(rs) : null;
    }
  }

  public void delete(Sql sql, long id) throws SQLException {
    PreparedStatement ps = sql.ps("DELETE FROM budget_reservations WHERE reservation_id = ?");
    ps.setLong(1, id);
    ps.executeUpdate();
  }

  /** Forgets orphaned reservations created before {@code beforeMs}: no late settlement will come. */
  public int purgeOrphans(Sql sql, long beforeMs) throws SQLException {
    PreparedStatement ps = sql.ps("DELETE FROM budget_reservations WHERE status = 'orphaned' AND created_at_ms < ?");
    ps.setLong(1, beforeMs);
    return ps.executeUpdate();
  }

  public void appendLedger(Sql sql, Reservation r, TokenUsage u, long costNanos, long atMs) throws SQLException {
    PreparedStatement ps = sql.ps("INSERT INTO budget_ledger(reservation_id, at_ms, task_id, session_id, archetype,"
        + " provider, model, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, cost_nanos,"
        + " estimate_nanos) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    ps.setLong(1, r.id());
    ps.setLong(2, atMs);
    ps.setString(3, r.taskId());
    ps.setString(4, r.sessionId());
    ps.setString(5, r.archetype());
    ps.setString(6, r.provider());
    ps.setString(7, r.model());
    ps.setLong(8, u.input());
    ps.setLong(9, u.output());
    ps.setLong(10, u.cachedInput());
    ps.setLong(11, u.cacheWrite());
    ps.setLong(12, costNanos);
    ps.setLong(13, r.estimateNanos());
    ps.executeUpdate();
  }

  /** Adds one settled call to its group's daily totals. */
  public void addToDaily(Sql sql, Reservation r, TokenUsage u, long costNanos, String day) throws SQLException {
    PreparedStatement ps = sql.ps("INSERT INTO budget_daily(day, task_id, session_id, archetype, provider, model,"
        + " calls, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, cost_nanos)"
        + " VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)"
        + " ON CONFLICT(day, task_id, session_id, archetype, provider, model) DO UPDATE SET calls = calls + 1,"
        + " input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens,"
        + " cached_input_tokens = cached_input_tokens + excluded.cached_input_tokens,"
        + " cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens,"
        + " cost_nanos = cost_nanos + excluded.cost_nanos");
    ps.setString(1, day);
    ps.setString(2, orEmpty(r.taskId()));
    ps.setString(3, orEmpty(r.sessionId()));
    ps.setString(4, orEmpty(r.archetype()));
    ps.setString(5, r.provider());
    ps.setString(6, r.model());
    ps.setLong(7, u.input());
    ps.setLong(8, u.output());
    ps.setLong(9, u.cachedInput());
    ps.setLong(10, u.cacheWrite());
    ps.setLong(11, costNanos);
    ps.executeUpdate();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** The ledger row of a settled reservation, or null. */
  public Settled settled(Sql sql, long id) throws SQLException {
    PreparedStatement ps = sql.ps("SELECT cost_nanos, task_id, session_id, provider, at_ms FROM budget_ledger"
        + " WHERE reservation_id = ?");
    ps.setLong(1, id);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next()
          ? new Settled(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5))
          : null;
    }
  }

  private static Reservation row(ResultSet rs) throws SQLException {
    return new Reservation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getLong(11),
        rs.getLong(12));
  }
}
