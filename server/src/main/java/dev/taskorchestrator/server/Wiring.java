package dev.taskorchestrator.server;

import dev.taskorchestrator.agents.Archetypes;
import dev.taskorchestrator.resilience.BreakerStore;
import dev.taskorchestrator.agents.McpToolServers;
import dev.taskorchestrator.resilience.ResilienceRegistry;
import dev.taskorchestrator.budget.BudgetGuard;
import dev.taskorchestrator.orchestrator.BudgetStage;
import dev.taskorchestrator.orchestrator.CallPricing;
import dev.taskorchestrator.orchestrator.CallerNotices;
import dev.taskorchestrator.orchestrator.PatternsStage;
import dev.taskorchestrator.patterns.PatternStore;
import dev.taskorchestrator.patterns.SqlitePatternStore;
import dev.taskorchestrator.orchestrator.CircuitsStage;
import dev.taskorchestrator.orchestrator.RouterStage;
import dev.taskorchestrator.orchestrator.Orchestrator;
import dev.taskorchestrator.orchestrator.ProviderRegistry;
import dev.taskorchestrator.orchestrator.SqliteTaskStore;
import dev.taskorchestrator.server.config.OrchestratorConfig;
import dev.taskorchestrator.storage.Database;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.time.Clock;
import dev.taskorchestrator.server.config.ConfigException;
import dev.taskorchestrator.telemetry.Telemetry;
import dev.taskorchestrator.telemetry.TelemetrySettings;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds the orchestrator from the configuration. */
final class Wiring {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Wiring.class);

  private Wiring() {}

  /** Telemetry exporting as configured, redacting with the server's one redactor. */
  static Telemetry telemetry(OrchestratorConfig config, Function<String, String> env,
      dev.taskorchestrator.redaction.Redactor redactor) {
    return Telemetry.builder(telemetrySettings(config, env)).redactor(redactor).build();
  }

  static TelemetrySettings telemetrySettings(OrchestratorConfig config, Function<String, String> env) {
    Map<String, String> vars = new java.util.HashMap<>(System.getenv());
    for (String key : List.of("LANGFUSE_PUBLIC_KEY", "LANGFUSE_SECRET_KEY", "LANGFUSE_HOST", "LANGFUSE_BASE_URL",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_HEADERS")) {
      String v = env.apply(key);
      if (v != null) {
        vars.put(key, v);
      }
    }
    try {
      return TelemetrySettings.resolve(vars, config.telemetry());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("configuration: " + e.getMessage());
    }
  }

  /** The built-in archetypes with the configuration's overrides and additions. */
  static Archetypes archetypes(OrchestratorConfig config) {
    return Archetypes.builtIn().with(config.archetypes());
  }

  static Orchestrator orchestrator(OrchestratorConfig config, Archetypes archetypes, Database db, BudgetGuard budget,
      PatternStore patterns, Function<String, String> env, McpJsonMapper json, Telemetry telemetry, Clock clock) {
    ProviderRegistry providers = new ProviderRegistry(config.providers(), env, clock);
    McpToolServers toolServers = config.toolServers().isEmpty() ? McpToolServers.none()
        : new McpToolServers(config.toolServers(), json);
    ResilienceRegistry breakers = breakers(config, db, telemetry, clock);
    CallPricing pricing = new CallPricing(Budgets.prices(config.budget()), providers.configs(), env);
    List<RouterStage> stages = List.of(new BudgetStage(budget, pricing), new CircuitsStage(breakers, providers, clock),
        new PatternsStage(patterns, breakers, providers, clock));
    return new Orchestrator(archetypes, providers, toolServers, breakers, patterns, new SqliteTaskStore(db), stages,
        telemetry, clock);
  }

  static PatternStore patterns(OrchestratorConfig config, Database db, Clock clock,
      dev.taskorchestrator.redaction.Redactor redactor) {
    return new SqlitePatternStore(db, clock, config.patterns().settings(), redactor);
  }

  /** Breakers persist in the database; every transition is logged, traced and told to the client. */
  static ResilienceRegistry breakers(OrchestratorConfig config, Database db, Telemetry telemetry, Clock clock) {
    ResilienceRegistry breakers = ResilienceRegistry.builder()
        .settings(config.resilience().settings())
        .timeScale(config.resilience().timeScale())
        .clock(clock)
        .store(BreakerStore.sqlite(db))
        .build();
    breakers.onTransition(t -> {
      String message = "circuit " + t.name() + " (" + t.kind().wireName() + ") " + t.from().wireName() + " -> "
          + t.to().wireName() + t.lastErrorClass().map(c -> " after " + c.wireName()).orElse("")
          + t.nextHalfOpen().map(at -> "; probe after " + at).orElse("");
      LOG.info(message);
      telemetry.metrics().breakerTransition(t.name(), t.from().wireName(), t.to().wireName());
      io.opentelemetry.api.trace.Span.current().addEvent("breaker.transition",
          io.opentelemetry.api.common.Attributes.builder().put("breaker", t.name())
              .put("from", t.from().wireName()).put("to", t.to().wireName()).build());
      CallerNotices.send(t.to().wireName().equals("closed") ? "info" : "warning", message);
    });
    breakers.onRetry(r -> io.opentelemetry.api.trace.Span.current().addEvent("retry",
        io.opentelemetry.api.common.Attributes.builder().put("target", r.name()).put("attempt", r.attempt())
            .put("error_class", r.errorClass().wireName()).put("delay_ms", r.delay().toMillis()).build()));
    return breakers;
  }
}
