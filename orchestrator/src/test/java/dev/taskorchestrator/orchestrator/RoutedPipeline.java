package dev.taskorchestrator.orchestrator;

import dev.taskorchestrator.agents.Archetypes;
import dev.taskorchestrator.resilience.BreakerStore;
import dev.taskorchestrator.agents.McpToolServers;
import dev.taskorchestrator.agents.ProviderConfig;
import dev.taskorchestrator.resilience.ResilienceRegistry;
import dev.taskorchestrator.budget.BudgetOptions;
import dev.taskorchestrator.budget.PriceTable;
import dev.taskorchestrator.budget.ProcessIdentity;
import dev.taskorchestrator.budget.SqliteBudgetGuard;
import dev.taskorchestrator.patterns.PatternSettings;
import dev.taskorchestrator.patterns.SqlitePatternStore;
import dev.taskorchestrator.storage.Database;
import dev.taskorchestrator.storage.Schema;
import dev.taskorchestrator.telemetry.Telemetry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

/**
 * An orchestrator over a temporary database with the real router stages wired as the server wires them
 * (budget with the shipped price table, circuits, patterns; breakers persisted), and the given telemetry.
 */
final class RoutedPipeline implements AutoCloseable {

  final Database db;
  final Orchestrator orchestrator;

  RoutedPipeline(Path dir, List<ProviderConfig> providers, McpToolServers tools, Telemetry telemetry) {
    try {
      java.nio.file.Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    db = Database.open(dir.resolve("routed.db"), schemas());
    Clock clock = Clock.systemUTC();
    ProviderRegistry registry = new ProviderRegistry(providers, Pipeline.ENV::get, clock);
    ResilienceRegistry breakers = ResilienceRegistry.builder().clock(clock).store(BreakerStore.sqlite(db)).build();
    SqliteBudgetGuard budget = SqliteBudgetGuard.open(db, new BudgetOptions(clock, ZoneOffset.UTC,
        BudgetOptions.DEFAULT_WARN_BELOW_PERCENT, BudgetOptions.DEFAULT_OWNER_LEASE, ProcessIdentity.current()));
    SqlitePatternStore patterns = new SqlitePatternStore(db, clock, PatternSettings.ofDefaults());
    List<RouterStage> stages = List.of(
        new BudgetStage(budget, new CallPricing(PriceTable.loadDefault(), registry.configs(), Pipeline.ENV::get)),
        new CircuitsStage(breakers, registry, clock), new PatternsStage(patterns, breakers, registry, clock));
    orchestrator = new Orchestrator(Archetypes.builtIn(), registry, tools, breakers, patterns,
        new SqliteTaskStore(db), stages, telemetry, clock);
  }

  static List<Schema> schemas() {
    return List.of(SqliteTaskStore.schema(), BreakerStore.schema(), SqliteBudgetGuard.schema(),
        SqlitePatternStore.schema());
  }

  @Override
  public void close() {
    orchestrator.close();
    db.close();
  }
}
