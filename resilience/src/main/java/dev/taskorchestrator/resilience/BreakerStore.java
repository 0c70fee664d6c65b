package dev.taskorchestrator.resilience;

import dev.taskorchestrator.resilience.internal.SqliteBreakerStore;
import dev.taskorchestrator.storage.Database;
import dev.taskorchestrator.storage.Schema;
import java.util.List;

/** Where breaker states survive a restart. Written on state changes only, never per call. */
public interface BreakerStore {

  /** Every stored breaker. */
  List<PersistedBreaker> loadAll();

  /** Stores (inserts or replaces) one breaker's state. */
  void save(PersistedBreaker breaker);

  /** The {@code resilience} schema (table {@code circuit_breakers}) to pass to {@link Database#open}. */
  static Schema schema() {
    return SqliteBreakerStore.SCHEMA;
  }

  /** Breaker states in the {@code circuit_breakers} table of {@code db} (opened with {@link #schema()}). */
  static BreakerStore sqlite(Database db) {
    return new SqliteBreakerStore(db);
  }

  /** Keeps nothing: breakers start closed on every run. */
  static BreakerStore none() {
    return new BreakerStore() {
      @Override
      public List<PersistedBreaker> loadAll() {
        return List.of();
      }

      @Override
      public void save(PersistedBreaker breaker) {
        // nothing kept
      }
    };
  }
}
