package dev.taskorchestrator.orchestrator;

import dev.taskorchestrator.agents.AgentOutcome;
import dev.taskorchestrator.agents.ModelGateway;
import dev.taskorchestrator.agents.ModelProvider;
import dev.taskorchestrator.agents.ModelRequest;
import dev.taskorchestrator.agents.ModelResponse;
import dev.taskorchestrator.agents.ProviderCallGuard;
import dev.taskorchestrator.agents.ProviderException;
import dev.taskorchestrator.agents.ProviderUnavailableException;
import dev.taskorchestrator.budget.BudgetException;
import dev.taskorchestrator.budget.BudgetGuard;
import dev.taskorchestrator.budget.Money;
import dev.taskorchestrator.budget.ReservationRequest;
import dev.taskorchestrator.budget.ReserveResult;
import dev.taskorchestrator.budget.ScopeState;
import dev.taskorchestrator.budget.SettleResult;
import dev.taskorchestrator.budget.UnknownModelException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The budget check: a spawn's task is opened with its budget (a sub-task within its parent's
 * remaining budget); every model call reserves its worst-case cost on every scope before it is made and
 * settles the real cost after; a call that cannot be covered stops the agent with
 * {@code budget_exhausted} and what it has so far. Warnings go into the result and to the client.
 */
public final class BudgetStage implements RouterStage {

  private final BudgetGuard guard;
  private final CallPricing pricing;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  public BudgetStage(BudgetGuard guard, CallPricing pricing) {
    this.guard = guard;
    this.pricing = pricing;
  }

  @Override
  public String name() {
    return "budget";
  }

  @Override
  public String afterName() {
    return "settle";
  }

  @Override
  public Optional<Refusal> admit(SpawnContext spawn) {
    SpawnRequest r = spawn.request();
    try {
      guard.openTask(spawn.taskId(), r.parentTaskId(), r.budgetUsd() == null ? null : Money.usd(r.budgetUsd()));
    } catch (BudgetException e) {
      return Optional.of(Refusal.of("budget_exceeded", e.getMessage()));
    }
    List<ScopeState> states = guard.states(r.sessionId(), spawn.taskId());
    spawn.putResult("budget", BudgetViews.scopes(states));
    return states.stream().filter(s -> s.isLimited() && s.remaining().nanos() <= 0).findFirst()
        .map(s -> new Refusal("budget_exceeded", "the " + s.scope().wireName() + " budget" + BudgetViews.idPart(s)
            + " is used up (" + s.spent() + " spent of " + s.limit() + "); raise it with set_budget or wait for the "
            + "next period", Map.of("scope", s.scope().wireName(), "remaining_usd", BudgetViews.usd(s.remaining()))));
  }

  @Override
  public ProviderCallGuard guardProvider(SpawnContext spawn, ProviderCallGuard next) {
    return (provider, request) -> {
      CallPricing.Priced priced = price(spawn, provider, request);
      ReserveResult reserved = guard.reserve(new ReservationRequest(spawn.taskId(), spawn.request().sessionId(),
          spawn.archetype().name(), provider.name(), priced.model(), priced.estimate()));
      if (reserved instanceof ReserveResult.Refused refused) {
        throw new BudgetStop(refused.message());
      }
      String reservationId = ((ReserveResult.Reserved) reserved).reservationId();
      ModelResponse response;
      try {
        response = next.call(provider, request);
      } catch (ProviderException | ProviderUnavailableException | RuntimeException e) {
        guard.release(reservationId);
        throw e;
      }
      settle(spawn, priced, reservationId, response);
      return response;
    };
  }

  private CallPricing.Priced price(SpawnContext spawn, ModelProvider provider, ModelRequest request) {
    try {
      return pricing.estimate(provider, request);
    } catch (UnknownModelException e) {
      throw new BudgetStop(e.getMessage());
    }
  }

  private void settle(SpawnContext spawn, CallPricing.Priced priced, String reservationId, ModelResponse response) {
    SettleResult settled = guard.settle(reservationId, CallPricing.usage(response), pricing.cost(priced, response));
    spawn.addCost(settled.cost().toBigDecimal());
    spawn.putResult("cost_usd", spawn.totalCost());
    warn(spawn, settled.scopes());
  }

  private void warn(SpawnContext spawn, List<ScopeState> scopes) {
    List<ScopeState> attention = scopes.stream().filter(ScopeState::needsAttention).toList();
    if (attention.isEmpty()) {
      return;
    }
    String text = BudgetViews.warning(attention);
    spawn.putResult("warning", text);
    for (ScopeState s : attention) {
      if (warned.add(spawn.taskId() + "|" + s.scope() + "|" + s.id() + "|" + s.status())) {
        CallerNotices.send("warning", "budget " + BudgetViews.describe(s));
      }
    }
  }

  @Override
  public ModelGateway wrap(SpawnContext spawn, ModelGateway next) {
    return request -> {
      try {
        return next.call(request);
      } catch (BudgetStop stop) {
        throw new ModelGateway.StopRun("budget_exhausted", stop.getMessage());
      }
    };
  }

  @Override
  public void after(SpawnContext spawn, AgentOutcome outcome) {
    List<ScopeState> states = guard.states(spawn.request().sessionId(), spawn.taskId());
    spawn.putResult("budget", BudgetViews.scopes(states));
    spawn.putResult("cost_usd", spawn.totalCost());
    warned.removeIf(k -> k.startsWith(spawn.taskId() + "|"));
  }

  /** A reservation was refused: the run stops gracefully (unchecked, so it passes the provider chain). */
  static final class BudgetStop extends RuntimeException {
    BudgetStop(String message) {
      super(message, null, false, false);
    }
  }
}
