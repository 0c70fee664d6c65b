package dev.taskorchestrator.orchestrator;

import dev.taskorchestrator.agents.Archetype;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One spawn as it passes the router: what was asked, the plan the stages shape (advice, hidden tools),
 * and the extra facts they add to the result.
 */
public final class SpawnContext {

  private final String taskId;
  private final SpawnRequest request;
  private final Archetype archetype;
  private final List<String> providerChain;
  private final StringBuilder advice = new StringBuilder();
  private final Set<String> hiddenTools = new LinkedHashSet<>();
  private final Set<String> avoidedProviders = new LinkedHashSet<>();
  private volatile List<String> permittedTools = List.of();
  private final Map<String, Object> resultExtras = new LinkedHashMap<>();
  private final io.opentelemetry.context.Context trace;
  private volatile java.math.BigDecimal lastCost;
  private java.math.BigDecimal totalCost = java.math.BigDecimal.ZERO;

  SpawnContext(String taskId, SpawnRequest request, Archetype archetype, List<String> providerChain,
      io.opentelemetry.context.Context trace) {
    this.trace = trace;
    this.taskId = taskId;
    this.request = request;
    this.archetype = archetype;
    this.providerChain = List.copyOf(providerChain);
  }

  public String taskId() {
    return taskId;
  }

  public SpawnRequest request() {
    return request;
  }

  public Archetype archetype() {
    return archetype;
  }

  /** Provider names in the order they will be tried. */
  public List<String> providerChain() {
    return providerChain;
  }

  /** The trace this spawn's spans belong to (the MCP call's, also for a background run). */
  public io.opentelemetry.context.Context trace() {
    return trace;
  }

  /** The real cost of the model call just settled (the budget stage sets it; the trace reports it). */
  public void lastCost(java.math.BigDecimal usd) {
    this.lastCost = usd;
  }

  /** Adds a settled model call's cost to this spawn's total. */
  public synchronized void addCost(java.math.BigDecimal usd) {
    totalCost = totalCost.add(usd);
    lastCost = usd;
  }

  /** What this spawn's model calls have cost so far (USD). */
  public synchronized java.math.BigDecimal totalCost() {
    return totalCost;
  }

  public java.util.Optional<java.math.BigDecimal> lastCost() {
    return java.util.Optional.ofNullable(lastCost);
  }

  /** Adds a delimited advice block to the agent's instructions (the patterns stage). */
  public void addAdvice(String block) {
    advice.append(block);
  }

  public String advice() {
    return advice.toString();
  }

  /** Withholds a tool from this run (the patterns stage, for a tool whose circuit is open). */
  public void hideTool(String qualifiedName) {
    hiddenTools.add(qualifiedName);
  }

  public Set<String> hiddenTools() {
    return Set.copyOf(hiddenTools);
  }

  /** The downstream tools this archetype may call (set before the stages run). */
  public List<String> permittedTools() {
    return permittedTools;
  }

  void permittedTools(List<String> names) {
    this.permittedTools = List.copyOf(names);
  }

  /** Moves a provider to the end of the chain for this run (a learned avoid_provider advice). */
  public void avoidProvider(String name) {
    avoidedProviders.add(name);
  }

  /** The chain in the order it will be tried: avoided providers last (never dropped). */
  public List<String> effectiveChain() {
    List<String> preferred = new java.util.ArrayList<>(providerChain);
    preferred.removeAll(avoidedProviders);
    providerChain.stream().filter(avoidedProviders::contains).forEach(preferred::add);
    return preferred;
  }

  /** Adds a field to the spawn result (for example {@code budget} or {@code patterns_applied}). */
  public void putResult(String field, Object value) {
    synchronized (resultExtras) {
      resultExtras.put(field, value);
    }
  }

  public Map<String, Object> resultExtras() {
    synchronized (resultExtras) {
      return new LinkedHashMap<>(resultExtras);
    }
  }
}
