package dev.taskorchestrator.patterns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the stored decay keys consistent with the configured half-life. The key is
 * {@code log2(confidence) × halfLife + lastSeen}, so a new half-life rescales
 * {@code key − lastSeen} by {@code new / old}: one arithmetic UPDATE, no logarithms in SQL.
 */
final class HalfLifeMeta {

  private static final Logger log = LoggerFactory.getLogger(HalfLifeMeta.class);
  private static final String KEY = "half_life_ms";

  private HalfLifeMeta() {}

  static void reconcile(Connection c, Duration halfLife) throws SQLException {
    long configured = halfLife.toMillis();
    Long stored = null;
    try (PreparedStatement ps = c.prepareStatement("SELECT value FROM pattern_meta WHERE key = ?")) {
      ps.setString(1, KEY);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          stored = Long.parseLong(rs.getString(1));
        }
      }
    }
    if (stored != null && stored == configured) {
      return;
    }
    if (stored != null) {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE patterns SET decay_key = (decay_key - last_seen) * ? + last_seen")) {
        ps.setDouble(1, (double) configured / stored);
        int rows = ps.executeUpdate();
        log.info("patterns: half-life changed from {} ms to {} ms; rescaled {} decay keys", stored, configured, rows);
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO pattern_meta(key, value) VALUES (?, ?) "
        + "ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
      ps.setString(1, KEY);
      ps.setString(2, Long.toString(configured));
      ps.executeUpdate();
    }
  }
}
