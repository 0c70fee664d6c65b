package dev.taskorchestrator.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies each module's pending migrations, one transaction per migration. */
final class Migrator {

  private static final Logger log = LoggerFactory.getLogger(Migrator.class);

  private final Connection connection;
  private final Path file;

  Migrator(Connection connection, Path file) {
    this.connection = connection;
    this.file = file;
  }

  void migrate(List<Schema> schemas) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_versions ("
          + "module TEXT PRIMARY KEY, version INTEGER NOT NULL, applied_at TEXT NOT NULL)");
    }
    // Refuse before touching anything: a newer build's tables must never be altered by an older one.
    for (Schema schema : schemas) {
      int current = currentVersion(schema.module());
      if (current > schema.latestVersion()) {
        throw new StorageException("database " + file + " was written by a newer Task Orchestrator ("
            + schema.module() + " schema version " + current + ", this build knows up to "
            + schema.latestVersion() + "); run that newer version, or use another --data-dir");
      }
    }
    for (Schema schema : schemas) {
      int current = currentVersion(schema.module());
      for (Migration m : schema.migrations().subList(current, schema.latestVersion())) {
        apply(schema.module(), m);
      }
    }
  }

  int currentVersion(String module) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT version FROM schema_versions WHERE module = ?")) {
      ps.setString(1, module);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  private void apply(String module, Migration m) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      try {
        for (String statement : statements(m.sql())) {
          s.execute(statement);
        }
        try (PreparedStatement ps = connection.prepareStatement(
            "INSERT INTO schema_versions(module, version, applied_at) VALUES (?, ?, ?) "
                + "ON CONFLICT(module) DO UPDATE SET version = excluded.version, applied_at = excluded.applied_at")) {
          ps.setString(1, module);
          ps.setInt(2, m.version());
          ps.setString(3, Instant.now().toString());
          ps.executeUpdate();
        }
        s.execute("COMMIT");
      } catch (SQLException e) {
        s.execute("ROLLBACK");
        throw new StorageException("migration " + module + " v" + m.version() + " (" + m.description()
            + ") failed on " + file + ": " + e.getMessage(), e);
      }
    }
    log.info("database: applied {} migration v{} ({})", module, m.version(), m.description());
  }

  /**
   * Splits a script into statements at semicolons that end a line; inside {@code CREATE TRIGGER}
   * the statement runs on to the line {@code END;}.
   */
  static List<String> statements(String sql) {
    List<String> out = new java.util.ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      boolean trigger = current.toString().stripLeading().toUpperCase(java.util.Locale.ROOT)
          .matches("(?s)CREATE\\s+(TEMP\\s+|TEMPORARY\\s+)?TRIGGER.*");
      boolean ends = trimmed.endsWith(";") && (!trigger || trimmed.equalsIgnoreCase("END;"));
      if (ends) {
        out.add(current.toString().strip());
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }
}
