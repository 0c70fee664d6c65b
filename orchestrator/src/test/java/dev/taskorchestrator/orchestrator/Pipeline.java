package dev.taskorchestrator.orchestrator;

import dev.taskorchestrator.agents.Archetypes;
import dev.taskorchestrator.agents.McpToolServers;
import dev.taskorchestrator.agents.ProviderConfig;
import dev.taskorchestrator.agents.ProviderType;
import dev.taskorchestrator.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An orchestrator over a temporary database, with HTTP providers reading their key from a fake environment. */
final class Pipeline implements AutoCloseable {

  static final Map<String, String> ENV = Map.of("GOOD_KEY", "sk-good", "BAD_KEY", "sk-bad");

  final Database db;
  final Orchestrator orchestrator;

  Pipeline(Path dir, List<ProviderConfig> providers, McpToolServers tools) {
    db = Database.open(dir.resolve("t.db"), schemas());
    orchestrator = orchestrator(db, providers, tools);
  }

  static List<dev.taskorchestrator.storage.Schema> schemas() {
    return List.of(SqliteTaskStore.schema(), dev.taskorchestrator.patterns.SqlitePatternStore.schema());
  }

  /**
   * An orchestrator with no router stages: the execute stage alone, with no retries (each failure falls back
   * at once; RouterPipeline tests the retries) and breakers that never open within a test.
   */
  static Orchestrator orchestrator(Database db, List<ProviderConfig> providers, McpToolServers tools) {
    var resilience = dev.taskorchestrator.resilience.ResilienceSettings.ofDefaults()
        .withRetry(new dev.taskorchestrator.resilience.RetrySettings(0, Duration.ofSeconds(2), 2, 0, Duration.ofSeconds(60)))
        .withBreaker(new dev.taskorchestrator.resilience.BreakerSettings(1_000, 100, 1_000, 1_000, Duration.ofSeconds(30), 1, 2));
    return new Orchestrator(Archetypes.builtIn(), new ProviderRegistry(providers, ENV::get, Clock.systemUTC()),
        tools, dev.taskorchestrator.resilience.ResilienceRegistry.builder().settings(resilience).build(),
        new dev.taskorchestrator.patterns.SqlitePatternStore(db, Clock.systemUTC(),
            dev.taskorchestrator.patterns.PatternSettings.ofDefaults()),
        new SqliteTaskStore(db), List.of(), dev.taskorchestrator.telemetry.Telemetry.disabled(), Clock.systemUTC());
  }

  static ProviderConfig openAi(String name, String baseUrl, String keyEnv) {
    return ProviderConfig.of(name, ProviderType.OPENAI).withBaseUrl(baseUrl).withModels(List.of("gpt-" + name))
        .withApiKeyEnv(keyEnv).withTimeout(Duration.ofSeconds(10));
  }

  static SpawnRequest request(String archetype, boolean background) {
    return new SpawnRequest(archetype, "summarise the notes", "", null, null, "s1", null, background, null);
  }

  SpawnResult spawn(String archetype) {
    return orchestrator.spawn(request(archetype, false), Caller.none());
  }

  /** Polls until the task has ended. */
  TaskRecord awaitEnd(String id, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      TaskRecord t = orchestrator.task(id).orElseThrow();
      if (!t.running()) {
        return t;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("task " + id + " still running after " + timeout);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> passedOver(SpawnResult r) {
    return new ArrayList<>((List<Map<String, Object>>) r.extras().getOrDefault("providers_passed_over", List.of()));
  }

  @Override
  public void close() {
    orchestrator.close();
    db.close();
  }
}
