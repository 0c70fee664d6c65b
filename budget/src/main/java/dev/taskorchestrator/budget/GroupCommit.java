package dev.taskorchestrator.budget;

import dev.taskorchestrator.budget.internal.Sql;
import dev.taskorchestrator.storage.Database;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs concurrent writes of this guard together in one transaction ("group commit"): a commit is
 * the dearest part of a reservation, so threads that arrive while a commit is under way share the
 * next one. Each piece of work still runs alone, in order, inside its own savepoint: if it throws,
 * only its own changes are rolled back and only its caller sees the error. No caller returns before
 * the transaction holding its work has committed.
 */
final class GroupCommit {

  private static final int MAX_BATCH = 256;

  private final Database db;
  private final Sql.Cache statements;
  private final ConcurrentLinkedQueue<Op<?>> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock leader = new ReentrantLock();
  private final java.util.concurrent.atomic.AtomicInteger callers = new java.util.concurrent.atomic.AtomicInteger();

  GroupCommit(Database db, Sql.Cache statements) {
    this.db = db;
    this.statements = statements;
  }

  <T> T run(SqliteBudgetGuard.SqlWork<T> work) {
    Op<T> op = new Op<>(work);
    callers.incrementAndGet();
    queue.add(op);
    // Whoever holds the lock drains the whole queue; once we hold it, our work is done or still queued.
    leader.lock();
    try {
      // Other callers on their way but not queued yet (often just waiting for a CPU): let them queue,
      // so that they share this commit instead of each paying for one.
      if (!op.done && callers.get() > queue.size()) {
        Thread.yield();
      }
      while (!op.done) {
        commitBatch();
      }
    } finally {
      leader.unlock();
      callers.decrementAndGet();
    }
    return op.result();
  }

  private void commitBatch() {
    List<Op<?>> batch = new ArrayList<>();
    Op<?> next;
    while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
      batch.add(next);
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      db.write(c -> {
        Sql sql = Sql.cached(c, statements);
        if (batch.size() == 1) {
          batch.get(0).runAlone(sql);
        } else {
          for (Op<?> op : batch) {
            op.runInSavepoint(sql);
          }
        }
        return null;
      });
    } catch (RuntimeException e) {
      for (Op<?> op : batch) {
        op.failIfPending(e);
      }
    }
    for (Op<?> op : batch) {
      op.done = true;
    }
  }

  /** One caller's work and, once done, its value or error. */
  private static final class Op<T> {
    private final SqliteBudgetGuard.SqlWork<T> work;
    private T value;
    private RuntimeException error;
    private boolean ran;
    boolean done;

    Op(SqliteBudgetGuard.SqlWork<T> work) {
      this.work = work;
    }

    void runAlone(Sql sql) throws SQLException {
      value = work.apply(sql);
      ran = true;
    }

    void runInSavepoint(Sql sql) throws SQLException {
      sql.ps("SAVEPOINT budget_op").execute();
      try {
        value = work.apply(sql);
        ran = true;
      } catch (SQLException e) {
        error = new dev.taskorchestrator.storage.StorageException("database write failed: " + e.getMessage(), e);
        sql.ps("ROLLBACK TO budget_op").execute();
      } catch (RuntimeException e) {
        error = e;
        sql.ps("ROLLBACK TO budget_op").execute();
      }
      sql.ps("RELEASE budget_op").execute();
    }

    /** The transaction did not commit: whatever this work did is undone. */
    void failIfPending(RuntimeException e) {
      if (error == null) {
        error = e;
      }
      ran = false;
    }

    T result() {
      if (error != null) {
        throw error;
      }
      if (!ran) {
        throw new IllegalStateException("budget write did not run");
      }
      return value;
    }
  }
}
