package dev.taskorchestrator.orchestrator;

import dev.taskorchestrator.agents.AgentOutcome;
import dev.taskorchestrator.resilience.BreakerKind;
import dev.taskorchestrator.resilience.BreakerState;
import dev.taskorchestrator.resilience.ErrorClass;
import dev.taskorchestrator.resilience.ResilienceRegistry;
import dev.taskorchestrator.patterns.AppliedPattern;
import dev.taskorchestrator.patterns.CorrectiveAction;
import dev.taskorchestrator.patterns.LearningSession;
import dev.taskorchestrator.patterns.PatternStore;
import dev.taskorchestrator.patterns.PreSpawnDecision;
import dev.taskorchestrator.patterns.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The immune system in the router. Before the run: the learned patterns relevant to this archetype,
 * its providers, its tools and its task text are applied (quoted advice, a tool with an open circuit
 * hidden in favour of its learned substitute, a provider moved last, or a block). After the run
 * (learn): every classified failure is recorded, substitutions that worked are learned, and the applied
 * patterns gain or lose confidence by the outcome.
 */
public final class PatternsStage implements RouterStage {

  private final PatternStore store;
  private final ResilienceRegistry breakers;
  private final ProviderRegistry providers;
  private final Map<String, LearningSession> sessions = new ConcurrentHashMap<>();
  private final java.time.Clock clock;

  public PatternsStage(PatternStore store, ResilienceRegistry breakers, ProviderRegistry providers) {
    this(store, breakers, providers, java.time.Clock.systemUTC());
  }

  public PatternsStage(PatternStore store, ResilienceRegistry breakers, ProviderRegistry providers,
      java.time.Clock clock) {
    this.clock = clock;
    this.store = store;
    this.breakers = breakers;
    this.providers = providers;
  }

  @Override
  public String name() {
    return "patterns";
  }

  @Override
  public String afterName() {
    return "learn";
  }

  @Override
  public Optional<Refusal> admit(SpawnContext spawn) {
    // a breaker is restored from the database when first guarded: a tool cut off before a restart is still open
    spawn.permittedTools().forEach(t -> breakers.guard(ResilientToolCaller.breakerName(t), BreakerKind.TOOL));
    PreSpawnDecision d = store.check(new dev.taskorchestrator.patterns.SpawnProfile(spawn.archetype().name(),
        spawn.providerChain().stream().map(this::providerTarget).toList(), spawn.permittedTools(), openTools(),
        spawn.request().task() + "\n" + spawn.request().context()));
    sessions.put(spawn.taskId(), new LearningSession(store, d.appliedIds()));
    spawn.putResult("patterns_applied", d.applied().stream().map(PatternsStage::view).toList());
    if (d.blocked()) {
      CorrectiveAction.Block block = d.block().orElseThrow();
      return Optional.of(new Refusal("immune_blocked", "a learned failure pattern blocks this spawn: "
          + block.reason(), Map.of("patterns", d.appliedIds())));
    }
    spawn.addAdvice(d.adviceBlock());
    d.hiddenTools().forEach(spawn::hideTool);
    d.avoidProviders().forEach(target -> spawn.avoidProvider(Target.nameOf(target).split("/", 2)[0]));
    return Optional.empty();
  }

  @Override
  public void after(SpawnContext spawn, AgentOutcome outcome) {
    LearningSession session = sessions.remove(spawn.taskId());
    if (session == null || outcome == null) {
      return;
    }
    for (AgentOutcome.ToolCallRecord call : outcome.toolCalls()) {
      if (call.ok()) {
        session.toolSucceeded(call.name());
      } else if (call.errorClass() != null && !call.refused()) {
        // A refusal by our own guard repeats the failure that opened it, which was learned when it happened.
        session.toolFailed(call.name(), call.errorClass().wireName(), call.error());
      }
    }
    learnProviderFailures(spawn);
    if (outcome.errorClass() == ErrorClass.CONTENT) {
      store.recordFailure(store.signature(Target.archetype(spawn.archetype().name()), "content",
          outcome.stopReason()), outcome.stopReason());
    }
    session.finish(outcome.succeeded());
  }

  @SuppressWarnings("unchecked")
  private void learnProviderFailures(SpawnContext spawn) {
    Object passed = spawn.resultExtras().get("providers_passed_over");
    if (!(passed instanceof List<?> list)) {
      return;
    }
    for (Object o : list) {
      Map<String, Object> m = (Map<String, Object>) o;
      if (m.get("error_class") instanceof String cls) {
        String provider = String.valueOf(m.get("provider"));
        String message = String.valueOf(m.get("message"));
        store.recordFailure(store.signature(providerTarget(provider), cls, message), message);
      }
    }
  }

  private String providerTarget(String provider) {
    List<String> models = providers.configs().containsKey(provider) ? providers.configs().get(provider).models()
        : List.of();
    return Target.provider(provider, models.isEmpty() ? "default" : models.get(0));
  }

  /**
   * Tools whose circuit is open and still refusing. Once the open interval has passed the tool is offered
   * again, so that a call can be the probe that closes the circuit (a breaker stays OPEN until a call).
   */
  private Set<String> openTools() {
    java.time.Instant now = clock.instant();
    return breakers.snapshot().stream()
        .filter(b -> b.kind() == BreakerKind.TOOL && b.state() == BreakerState.OPEN)
        .filter(b -> b.nextHalfOpen().map(now::isBefore).orElse(true))
        .map(b -> b.name()).collect(Collectors.toSet());
  }

  private static Map<String, Object> view(AppliedPattern p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id());
    m.put("target", p.target());
    m.put("action", p.action());
    m.put("confidence", p.confidence());
    m.put("reason", p.reason());
    return m;
  }
}
