package dev.taskorchestrator.orchestrator;

import dev.taskorchestrator.agents.AgentOutcome;
import dev.taskorchestrator.resilience.BreakerAdmission;
import dev.taskorchestrator.resilience.BreakerKind;
import dev.taskorchestrator.resilience.ErrorClass;
import dev.taskorchestrator.resilience.ResilienceRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The router's circuits check: at least one provider of the chain must have a breaker that admits a
 * call, else the spawn is refused with {@code circuit_open} and {@code retry_after_seconds} before any
 * money is reserved. After the run, an unusable answer (empty, failing its schema) counts against the
 * provider that gave it.
 */
public final class CircuitsStage implements RouterStage {

  private final ResilienceRegistry breakers;
  private final ProviderRegistry providers;
  private final Clock clock;

  public CircuitsStage(ResilienceRegistry breakers, ProviderRegistry providers, Clock clock) {
    this.breakers = breakers;
    this.providers = providers;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "circuits";
  }

  /** After the run this stage only counts an unusable answer against its provider. */
  @Override
  public String afterName() {
    return "circuits.outcome";
  }

  @Override
  public Optional<Refusal> admit(SpawnContext spawn) {
    List<String> chain = spawn.providerChain();
    chain.forEach(name -> breakers.guard(ChainGateway.breakerName(name), BreakerKind.PROVIDER));
    BreakerAdmission admission = breakers.admitting(chain.stream().map(ChainGateway::breakerName).toList());
    if (admission.anyAdmitted()) {
      return Optional.empty();
    }
    // never "0 s": the breakers refused just now, so an immediate retry would be refused again
    long retryAfter = Math.max(1L, admission.retryAfterSeconds(clock.instant()).orElse(30L));
    return Optional.of(new Refusal("circuit_open", "every provider for " + spawn.archetype().name()
        + " (" + String.join(", ", chain) + ") is failing and cut off; try again in " + retryAfter + " s",
        Map.of("retry_after_seconds", retryAfter, "providers", chain)));
  }

  @Override
  public void after(SpawnContext spawn, AgentOutcome outcome) {
    if (outcome != null && outcome.errorClass() == ErrorClass.CONTENT && outcome.provider() != null
        && !providers.isSampling(outcome.provider())) {
      breakers.guard(ChainGateway.breakerName(outcome.provider()), BreakerKind.PROVIDER)
          .reportQualityFailure(outcome.stopReason());
    }
  }
}
