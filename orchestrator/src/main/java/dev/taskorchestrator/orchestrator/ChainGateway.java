package dev.taskorchestrator.orchestrator;

import dev.taskorchestrator.resilience.BreakerKind;
import dev.taskorchestrator.agents.ChainAttempt;
import dev.taskorchestrator.resilience.GuardedCallException;
import dev.taskorchestrator.resilience.ResilienceRegistry;
import dev.taskorchestrator.agents.ChainResult;
import dev.taskorchestrator.agents.ModelGateway;
import dev.taskorchestrator.agents.ModelProvider;
import dev.taskorchestrator.agents.ModelRequest;
import dev.taskorchestrator.agents.ModelResponse;
import dev.taskorchestrator.agents.ProviderCallGuard;
import dev.taskorchestrator.agents.ProviderChain;
import dev.taskorchestrator.agents.ProviderException;
import dev.taskorchestrator.agents.ProviderUnavailableException;
import dev.taskorchestrator.agents.SamplingProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The execute stage's model access: the spawn's provider chain, with the sampling provider bound to the
 * calling client and skipped when that client cannot sample. Providers passed over are reported in the
 * result.
 */
final class ChainGateway implements ModelGateway {

  private final ProviderChain chain;
  private final SpawnContext ctx;
  private final List<Map<String, Object>> passedOver = new ArrayList<>();

  /** The breaker of a provider is named after it. */
  static String breakerName(String provider) {
    return provider;
  }

  ChainGateway(ProviderRegistry registry, ResilienceRegistry breakers, SpawnContext ctx, Caller caller, Clock clock,
      java.util.function.UnaryOperator<ProviderCallGuard> stageGuards) {
    this.ctx = ctx;
    List<ModelProvider> providers = new ArrayList<>();
    for (String name : ctx.effectiveChain()) {
      providers.add(registry.isSampling(name)
          ? new SamplingProvider(name, caller.sampling(), caller.samplingSupported(), clock)
          : registry.http(name));
    }
    this.chain = ProviderChain.of(providers, stageGuards.apply(guard(breakers)));
  }

  /** Each provider call passes its retry, breaker and bulkhead; sampling goes straight to the client. */
  private static ProviderCallGuard guard(ResilienceRegistry breakers) {
    return (provider, request) -> {
      if (provider instanceof SamplingProvider s) {
        if (!s.supported()) {
          throw new ProviderUnavailableException(provider.name(),
              "the MCP client did not declare the sampling capability", Optional.empty());
        }
        return provider.call(request);
      }
      try {
        return breakers.guard(breakerName(provider.name()), BreakerKind.PROVIDER).call(() -> provider.call(request));
      } catch (GuardedCallException e) {
        if (e.kind() == GuardedCallException.Kind.CIRCUIT_OPEN) {
          throw new ProviderUnavailableException(provider.name(), "circuit open: " + e.getMessage(), e.retryAfter());
        }
        throw new ProviderException(e.errorClass(), provider.name(), e.getMessage()
            + (e.attempts() > 1 ? " (after " + e.attempts() + " attempts)" : ""), e.retryAfter(), 0);
      }
    };
  }

  @Override
  public ModelResponse call(ModelRequest request) throws ProviderException {
    ChainResult result = chain.call(request);
    for (ChainAttempt a : result.passedOver()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("provider", a.provider());
      m.put("outcome", a.outcome().name().toLowerCase(java.util.Locale.ROOT));
      if (a.errorClass() != null) {
        m.put("error_class", a.errorClass().wireName());
      }
      m.put("message", a.message());
      synchronized (passedOver) {
        passedOver.add(m);
        ctx.putResult("providers_passed_over", List.copyOf(passedOver));
      }
    }
    return result.response();
  }
}
