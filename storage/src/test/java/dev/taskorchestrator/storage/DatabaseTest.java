package dev.taskorchestrator.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

  @TempDir Path dir;

  private static final Schema NOTES_V1 = Schema.of("notes",
      new Migration(1, "notes table", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);"));
  private static final Schema NOTES_V2 = Schema.of("notes", NOTES_V1.migrations().get(0),
      new Migration(2, "notes.tag", """
          ALTER TABLE notes ADD COLUMN tag TEXT;
          CREATE INDEX notes_tag ON notes(tag);
          """));

  @Test
  void appliesMigrationsOnceAndSetsConnectionPragmas() {
    Path file = dir.resolve("sub/db.sqlite");
    try (Database db = Database.open(file, List.of(NOTES_V2))) {
      db.write(c -> c.createStatement().executeUpdate("INSERT INTO notes(body, tag) VALUES ('a', 't')"));
      assertThat(query(db, "PRAGMA journal_mode")).isEqualTo("wal");
      assertThat(query(db, "PRAGMA foreign_keys")).isEqualTo("1");
      assertThat(query(db, "PRAGMA busy_timeout")).isEqualTo("5000");
    }
    try (Database db = Database.open(file, List.of(NOTES_V2))) {
      assertThat(query(db, "SELECT count(*) FROM notes")).isEqualTo("1");
      assertThat(query(db, "SELECT version FROM schema_versions WHERE module = 'notes'")).isEqualTo("2");
    }
  }

  @Test
  void upgradesAnOlderDatabaseInPlace() {
    Path file = dir.resolve("db.sqlite");
    Database.open(file, List.of(NOTES_V1)).close();
    try (Database db = Database.open(file, List.of(NOTES_V2))) {
      db.write(c -> c.createStatement().executeUpdate("INSERT INTO notes(body, tag) VALUES ('a', 't')"));
    }
  }

  @Test
  void refusesDatabaseWrittenByNewerVersionWithoutAlteringIt() throws Exception {
    Path file = dir.resolve("db.sqlite");
    Database.open(file, List.of(NOTES_V2)).close();
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(() -> Database.open(file, List.of(NOTES_V1)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("newer Task Orchestrator")
        .hasMessageContaining("notes schema version 2, this build knows up to 1");
    try (Database db = Database.open(file, List.of(NOTES_V2))) {
      assertThat(query(db, "SELECT version FROM schema_versions WHERE module = 'notes'")).isEqualTo("2");
    }
    assertThat(before).isNotEmpty();
  }

  @Test
  void failedMigrationRollsBackAndNamesTheStep() {
    Schema broken = Schema.of("broken", new Migration(1, "bad sql", "CREATE TABLE ok (x);\nNOT SQL;"));
    Path file = dir.resolve("db.sqlite");
    assertThatThrownBy(() -> Database.open(file, List.of(broken)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("migration broken v1 (bad sql) failed");
    try (Database db = Database.open(file, List.of())) {
      assertThat(query(db, "SELECT count(*) FROM sqlite_master WHERE name = 'ok'")).isEqualTo("0");
    }
  }

  @Test
  void failedWriteRollsBack() {
    try (Database db = Database.open(dir.resolve("db.sqlite"), List.of(NOTES_V1))) {
      assertThatThrownBy(() -> db.write(c -> {
        c.createStatement().executeUpdate("INSERT INTO notes(body) VALUES ('kept?')");
        throw new IllegalStateException("boom");
      })).isInstanceOf(IllegalStateException.class);
      assertThat(query(db, "SELECT count(*) FROM notes")).isEqualTo("0");
    }
  }

  @Test
  void splitsTriggerBodiesAsOneStatement() {
    List<String> statements = Migrator.statements("""
        CREATE TABLE t (x);
        -- a comment
        CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN
          INSERT INTO t(x) SELECT 1 WHERE 0;
        END;
        CREATE INDEX t_x ON t(x);
        """);
    assertThat(statements).hasSize(3);
    assertThat(statements.get(1)).startsWith("CREATE TRIGGER").endsWith("END;");
  }

  @Test
  void everyStringBoundInAWriteIsRedactedBeforeItReachesTheFile() throws Exception {
    String known = "zq76HDJY15WJzIa2GxA5jbvYeHRNrtotxY";
    Path file = dir.resolve("redacted.db");
    try (Database db = Database.open(file, List.of(NOTES_V2),
        dev.taskorchestrator.redaction.Redactor.of(List.of(known), List.of()))) {
      db.write(c -> {
        try (var ps = c.prepareStatement("INSERT INTO notes(body, tag) VALUES (?, ?)")) {
          ps.setString(1, "provider said: key " + known.substring(0, known.length() - 1) + " refused");
          ps.setObject(2, "ghp_3crv83GOSCTYnUsHqbRaSbiJ4rAipmBEdJKN");
          return ps.executeUpdate();
        }
      });
      assertThat(query(db, "SELECT body || ' ' || tag FROM notes"))
          .isEqualTo("provider said: key [REDACTED] refused [REDACTED]");
    }
    String bytes = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(bytes).contains("provider said").doesNotContain(known.substring(0, 8), "ghp_3crv");
  }

  private static String query(Database db, String sql) {
    return db.<String>read(c -> scalar(c.createStatement(), sql));
  }

  private static String scalar(Statement s, String sql) throws java.sql.SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
