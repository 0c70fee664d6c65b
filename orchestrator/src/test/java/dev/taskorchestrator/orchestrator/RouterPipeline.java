package dev.taskorchestrator.orchestrator;

import dev.taskorchestrator.agents.Archetypes;
import dev.taskorchestrator.resilience.BreakerStore;
import dev.taskorchestrator.agents.McpToolServers;
import dev.taskorchestrator.agents.ProviderConfig;
import dev.taskorchestrator.resilience.ResilienceRegistry;
import dev.taskorchestrator.resilience.ResilienceSettings;
import dev.taskorchestrator.resilience.RetryAttempt;
import dev.taskorchestrator.resilience.BreakerTransition;
import dev.taskorchestrator.budget.BudgetOptions;
import dev.taskorchestrator.budget.PriceTable;
import dev.taskorchestrator.budget.ProcessIdentity;
import dev.taskorchestrator.budget.SqliteBudgetGuard;
import dev.taskorchestrator.patterns.PatternSettings;
import dev.taskorchestrator.patterns.SqlitePatternStore;
import dev.taskorchestrator.storage.Database;
import dev.taskorchestrator.storage.Schema;
import dev.taskorchestrator.storage.testing.MutableClock;
import dev.taskorchestrator.telemetry.Telemetry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An orchestrator wired like the server's (server Wiring): the real budget, circuits and patterns router
 * stages over one temporary database, a test clock, breakers persisted in the database, and retry waits
 * scaled and recorded.
 */
final class RouterPipeline implements AutoCloseable {

  /** What to build; every setting has a test-friendly default. */
  static final class Setup {
    final Path dir;
    List<ProviderConfig> providers = List.of();
    McpToolServers tools = McpToolServers.none();
    PriceTable prices = PriceTable.loadDefault();
    ResilienceSettings resilience = ResilienceSettings.ofDefaults();
    ResilienceSettings toolResilience;
    final java.util.Map<String, ResilienceSettings> byName = new java.util.HashMap<>();
    double timeScale = 0.001;
    MutableClock clock = MutableClock.at("2026-11-21T12:00:00Z");

    Setup(Path dir) {
      this.dir = dir;
    }

    Setup providers(ProviderConfig... p) {
      providers = List.of(p);
      return this;
    }

    Setup tools(McpToolServers t) {
      tools = t;
      return this;
    }

    Setup prices(PriceTable p) {
      prices = p;
      return this;
    }

    Setup resilience(ResilienceSettings r) {
      resilience = r;
      return this;
    }

    Setup toolResilience(ResilienceSettings r) {
      toolResilience = r;
      return this;
    }

    /** Settings for one provider or {@code server.tool}. */
    Setup resilienceOf(String name, ResilienceSettings r) {
      byName.put(name, r);
      return this;
    }

    Setup timeScale(double s) {
      timeScale = s;
      return this;
    }

    RouterPipeline open() {
      return new RouterPipeline(this);
    }
  }

  final Setup setup;
  final MutableClock clock;
  final Database db;
  final SqliteBudgetGuard budget;
  /** The guard the budget stage uses: counts reservations. */
  final CountingBudgetGuard reservations;
  final ResilienceRegistry breakers;
  final SqlitePatternStore patterns;
  final Orchestrator orchestrator;
  /** Retry events (unscaled delays) and the scaled waits actually slept. */
  final List<RetryAttempt> retries = new CopyOnWriteArrayList<>();
  final List<Duration> slept = new CopyOnWriteArrayList<>();
  final List<BreakerTransition> transitions = new CopyOnWriteArrayList<>();

  private RouterPipeline(Setup s) {
    setup = s;
    clock = s.clock;
    db = Database.open(s.dir.resolve("t.db"), schemas());
    budget = SqliteBudgetGuard.open(db, new BudgetOptions(clock, ZoneOffset.UTC, 20,
        BudgetOptions.DEFAULT_OWNER_LEASE, ProcessIdentity.current()));
    reservations = new CountingBudgetGuard(budget);
    ResilienceRegistry.Builder b = ResilienceRegistry.builder().settings(s.resilience).timeScale(s.timeScale)
        .clock(clock).store(BreakerStore.sqlite(db)).jitterRandom(() -> 0.5) // 0.5: no jitter, exact schedule
        .sleeper(wait -> {
          slept.add(wait);
          Thread.sleep(wait);
        });
    if (s.toolResilience != null) {
      b.settingsFor(dev.taskorchestrator.resilience.BreakerKind.TOOL, s.toolResilience);
    }
    s.byName.forEach(b::settingsFor);
    breakers = b.build();
    breakers.onRetry(retries::add);
    breakers.onTransition(transitions::add);
    ProviderRegistry providers = new ProviderRegistry(s.providers, Pipeline.ENV::get, clock);
    patterns = new SqlitePatternStore(db, clock, PatternSettings.ofDefaults());
    CallPricing pricing = new CallPricing(s.prices, providers.configs(), Pipeline.ENV::get);
    List<RouterStage> stages = List.of(new BudgetStage(reservations, pricing), new CircuitsStage(breakers, providers, clock),
        new PatternsStage(patterns, breakers, providers));
    orchestrator = new Orchestrator(Archetypes.builtIn(), providers, s.tools, breakers, patterns,
        new SqliteTaskStore(db), stages, Telemetry.disabled(), clock);
  }

  static List<Schema> schemas() {
    List<Schema> all = new ArrayList<>(Pipeline.schemas());
    all.add(BreakerStore.schema());
    all.add(SqliteBudgetGuard.schema());
    return all;
  }

  static Setup in(Path dir) {
    return new Setup(dir);
  }

  /** A plain synchronous spawn of {@code archetype} in session s1. */
  SpawnResult spawn(String archetype) {
    return orchestrator.spawn(Pipeline.request(archetype, false), Caller.none());
  }

  SpawnResult spawn(SpawnRequest request) {
    return orchestrator.spawn(request, Caller.none());
  }

  /** Closes and opens a new orchestrator over the same database file (a restart). */
  RouterPipeline restart() {
    close();
    return new RouterPipeline(setup);
  }

  @Override
  public void close() {
    orchestrator.close();
    budget.close();
    breakers.close();
    db.close();
  }
}
