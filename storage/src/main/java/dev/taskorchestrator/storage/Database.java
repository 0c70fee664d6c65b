package dev.taskorchestrator.storage;

import dev.taskorchestrator.redaction.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one SQLite file that every module keeps its tables in.
 *
 * <p>WAL mode, a busy timeout and foreign keys are set on every connection. Writes go through one
 * connection, one transaction at a time ({@code BEGIN IMMEDIATE}, so two processes sharing the file
 * serialise too); reads use a small pool of their own connections and never wait for a writer. Every
 * string bound in a write passes the database's {@link Redactor}: no secret reaches the file.
 *
 * <pre>{@code
 * try (Database db = Database.open(dataDir.resolve("task-orchestrator.db"), List.of(LedgerSchema.SCHEMA))) {
 *   db.write(c -> c.createStatement().executeUpdate("…"));
 * }
 * }</pre>
 */
public final class Database implements AutoCloseable {

  /** The database file's name inside the data directory. */
  public static final String FILE_NAME = "task-orchestrator.db";

  static final int BUSY_TIMEOUT_MS = 5_000;
  private static final int MAX_READERS = 4;

  private final Path file;
  private final Connection writer;
  private final Connection redactedWriter;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(MAX_READERS);
  private final AtomicInteger readersOpened = new AtomicInteger();
  private volatile boolean closed;

  private Database(Path file, Connection writer, Redactor redactor) {
    this.file = file;
    this.writer = writer;
    this.redactedWriter = RedactedWrites.wrap(writer, redactor);
  }

  /**
   * Opens (creating if needed) the database and brings each schema up to this build's version.
   *
   * @throws StorageException if the file cannot be opened, a migration fails, or a schema was
   *     written by a newer version of Task Orchestrator (the database is then left untouched)
   */
  public static Database open(Path file, List<Schema> schemas) {
    return open(file, schemas, Redactor.ofDefaults());
  }

  /**
   * Like {@link #open(Path, List)}, with the redactor every string written passes (the server's, which
   * knows its configured secrets).
   */
  public static Database open(Path file, List<Schema> schemas, Redactor redactor) {
    Objects.requireNonNull(file, "file is null");
    Objects.requireNonNull(redactor, "redactor is null");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Database db = new Database(file, connect(file), redactor);
      try {
        new Migrator(db.writer, file).migrate(schemas);
      } catch (RuntimeException e) {
        db.close();
        throw e;
      }
      return db;
    } catch (SQLException | java.io.IOException e) {
      throw new StorageException("cannot open database " + file + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  /**
   * Runs {@code work} in one write transaction; it commits when work returns, else rolls back. Strings it
   * binds to prepared statements are redacted.
   */
  public <T> T write(SqlFunction<T> work) {
    writeLock.lock();
    try {
      ensureOpen();
      try (Statement s = writer.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
      }
      try {
        T result = work.apply(redactedWriter);
        try (Statement s = writer.createStatement()) {
          s.execute("COMMIT");
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly();
        throw e;
      }
    } catch (SQLException e) {
      throw new StorageException("database write failed: " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  /** Runs {@code work} on a read connection; it sees the last committed state. */
  public <T> T read(SqlFunction<T> work) {
    ensureOpen();
    Connection c = borrowReader();
    try {
      return work.apply(c);
    } catch (SQLException e) {
      throw new StorageException("database read failed: " + e.getMessage(), e);
    } finally {
      if (closed || !readers.offer(c)) {
        closeQuietly(c);
      }
    }
  }

  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      Connection c;
      while ((c = readers.poll()) != null) {
        closeQuietly(c);
      }
      try (Statement s = writer.createStatement()) {
        s.execute("PRAGMA optimize");
      } catch (SQLException ignored) {
        // best effort: optimize only refreshes planner statistics
      }
      closeQuietly(writer);
    } finally {
      writeLock.unlock();
    }
  }

  private Connection borrowReader() {
    Connection c = readers.poll();
    if (c != null) {
      return c;
    }
    try {
      if (readersOpened.incrementAndGet() <= MAX_READERS) {
        return connect(file);
      }
      readersOpened.decrementAndGet();
      return readers.take();
    } catch (SQLException e) {
      readersOpened.decrementAndGet();
      throw new StorageException("cannot open a read connection to " + file + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting for a database connection", e);
    }
  }

  static Connection connect(Path file) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
      s.execute("PRAGMA journal_mode = WAL");
      s.execute("PRAGMA synchronous = NORMAL");
      s.execute("PRAGMA foreign_keys = ON");
    }
    return c;
  }

  private void ensureOpen() {
    if (closed) {
      throw new StorageException("database " + file + " is closed");
    }
  }

  private void rollbackQuietly() {
    try (Statement s = writer.createStatement()) {
      s.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // the transaction may already be gone (e.g. SQLite rolled it back itself)
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing: nothing left to do with the error
    }
  }
}
