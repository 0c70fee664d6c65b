package dev.taskorchestrator.server;

import dev.taskorchestrator.storage.Database;
import dev.taskorchestrator.storage.Schema;
import java.nio.file.Path;
import java.util.List;

/** The database with every module's schema, as this build knows them. */
final class Storage {

  private Storage() {}

  static List<Schema> schemas() {
    return List.of(dev.taskorchestrator.orchestrator.SqliteTaskStore.schema(),
        dev.taskorchestrator.resilience.BreakerStore.schema(), dev.taskorchestrator.budget.SqliteBudgetGuard.schema(),
        dev.taskorchestrator.patterns.SqlitePatternStore.schema());
  }

  static Database open(Path dataDir) {
    return open(dataDir, dev.taskorchestrator.redaction.Redactor.ofDefaults());
  }

  /** The database whose every written string passes {@code redactor}. */
  static Database open(Path dataDir, dev.taskorchestrator.redaction.Redactor redactor) {
    return Database.open(dataDir.resolve(Database.FILE_NAME), schemas(), redactor);
  }
}
