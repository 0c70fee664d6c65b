package dev.taskorchestrator.orchestrator;

import dev.taskorchestrator.agents.AgentLoop;
import dev.taskorchestrator.agents.AgentOutcome;
import dev.taskorchestrator.agents.AgentRequest;
import dev.taskorchestrator.agents.Archetype;
import dev.taskorchestrator.agents.Archetypes;
import dev.taskorchestrator.agents.DownstreamTool;
import dev.taskorchestrator.agents.McpToolServers;
import dev.taskorchestrator.agents.ModelGateway;
import dev.taskorchestrator.agents.PermittedTools;
import dev.taskorchestrator.agents.ProviderCallGuard;
import dev.taskorchestrator.resilience.ResilienceRegistry;
import dev.taskorchestrator.patterns.PatternStore;
import dev.taskorchestrator.telemetry.Observation;
import dev.taskorchestrator.telemetry.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router and the task lifecycle: every spawn passes the stages (budget, circuits, patterns), runs
 * its archetype (execute), then the after-stages (learn, settle), and is persisted as a task.
 */
public final class Orchestrator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Orchestrator.class);

  private final Archetypes archetypes;
  private final ProviderRegistry providers;
  private final McpToolServers toolServers;
  private final SqliteTaskStore tasks;
  private final List<RouterStage> stages;
  private final Clock clock;
  private final AgentLoop loop;
  private final PermittedTools.Caller toolCaller;
  private final ResilienceRegistry breakers;
  private final PatternStore patterns;
  private final RunTracing tracing;
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

  /**
   * @param breakers the retry, circuit breaker and bulkhead of every provider and downstream tool
   * @param stages the router checks in order (budget, circuits, patterns; learn and settle run after)
   */
  public Orchestrator(Archetypes archetypes, ProviderRegistry providers, McpToolServers toolServers,
      ResilienceRegistry breakers, PatternStore patterns, SqliteTaskStore tasks, List<RouterStage> stages,
      Telemetry telemetry, Clock clock) {
    this.breakers = breakers;
    this.patterns = patterns;
    this.toolCaller = new ResilientToolCaller(toolServers, breakers);
    this.tracing = new RunTracing(telemetry, clock);
    this.archetypes = archetypes;
    this.providers = providers;
    this.toolServers = toolServers;
    this.tasks = tasks;
    this.stages = List.copyOf(stages);
    this.clock = clock;
    this.loop = new AgentLoop(clock);
    providers.validate(archetypes.all());
    int interrupted = tasks.interruptLeftovers(clock.instant());
    if (interrupted > 0) {
      log.info("{} task(s) were running when the server last stopped; marked interrupted", interrupted);
    }
  }

  public Archetypes archetypes() {
    return archetypes;
  }

  public ResilienceRegistry breakers() {
    return breakers;
  }

  public PatternStore patterns() {
    return patterns;
  }

  /** Spawns an agent; a background spawn returns at once with the task running. */
  public SpawnResult spawn(SpawnRequest request, Caller caller) {
    Instant start = clock.instant();
    Optional<Archetype> archetype = archetypes.find(request.archetype());
    if (archetype.isEmpty()) {
      return refusedBeforeTask(start, Refusal.of("unknown_archetype", "there is no archetype '"
          + request.archetype() + "'; use one of: " + String.join(", ", archetypes.names())));
    }
    if (request.parentTaskId() != null && tasks.find(request.parentTaskId()).isEmpty()) {
      return refusedBeforeTask(start, Refusal.of("not_found", "parent_task_id " + request.parentTaskId()
          + " is not a known task"));
    }
    String id = "task_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    SpawnContext ctx = new SpawnContext(id, request, archetype.get(), providers.chainFor(archetype.get()),
        io.opentelemetry.context.Context.current());
    tasks.create(new TaskRecord(id, request.parentTaskId(), request.sessionId(), archetype.get().name(),
        TaskRecord.RUNNING, request.task(), request.context(), null, null, null, null, null, null, 0, List.of(),
        null, null, start, null));
    Running run = new Running();
    running.put(id, run);
    // The client cancelling its request stops the task exactly as cancel_task does.
    caller.onCancel().accept(() -> cancel(id));
    if (request.background()) {
      background.submit(() -> execute(ctx, caller, run, start));
      return new SpawnResult(tasks.find(id).orElseThrow(), elapsed(start), null, Map.of());
    }
    return execute(ctx, caller, run, start);
  }

  /** The stored task, or empty. */
  public Optional<TaskRecord> task(String id) {
    return tasks.find(id);
  }

  /**
   * Asks a running task to stop at its next step.
   *
   * @return the task after the request, or empty when there is no such task
   */
  public Optional<TaskRecord> cancel(String id) {
    Running run = running.get(id);
    if (run != null) {
      run.cancel();
    }
    return tasks.find(id);
  }

  private SpawnResult execute(SpawnContext ctx, Caller caller, Running run, Instant start) {
    run.thread = Thread.currentThread();
    CallerNotices.bind(caller.notices());
    try {
      List<DownstreamTool> available = toolServers.isEmpty() ? List.of() : toolServers.tools();
      ctx.permittedTools(available.stream()
          .filter(t -> ctx.archetype().permissions().refusal(t.qualifiedName(), t.readOnly()).isEmpty())
          .map(DownstreamTool::qualifiedName).toList());
      for (int i = 0; i < stages.size(); i++) {
        Optional<Refusal> refusal = admit(stages.get(i), ctx);
        if (refusal.isPresent()) {
          stages.subList(0, i).forEach(s -> after(s, ctx, null));
          return finishRefused(ctx, refusal.get(), start);
        }
      }
      tracing.patternsApplied(ctx);
      Observation agent = tracing.agent(ctx.trace(), ctx.archetype().name());
      ModelGateway gateway = new ChainGateway(providers, breakers, ctx, caller, clock, guard -> {
        ProviderCallGuard g = guard;
        for (RouterStage stage : stages) {
          g = stage.guardProvider(ctx, g);
        }
        return g;
      });
      for (RouterStage stage : stages) {
        gateway = stage.wrap(ctx, gateway);
      }
      gateway = tracing.generations(agent.context(), gateway, ctx);
      AgentOutcome outcome = loop.run(agentRequest(ctx), gateway, permittedTools(ctx, available, agent), caller.observer(),
          run::cancelled);
      tracing.agentEnded(agent, ctx.archetype().name(), outcome);
      stages.forEach(s -> after(s, ctx, outcome));
      tracing.scored(ctx.trace(), ctx.totalCost(), outcome);
      TaskRecord record = TaskRecords.finished(tasks.find(ctx.taskId()).orElseThrow(), outcome, ctx.totalCost(),
          clock.instant());
      tasks.finish(record);
      return new SpawnResult(record, elapsed(start), null, ctx.resultExtras());
    } catch (RuntimeException e) {
      log.error("task {} failed inside the orchestrator: {}", ctx.taskId(), e.toString());
      return finishRefused(ctx, Refusal.of("internal_error",
          "the orchestrator failed while running this task; it is recorded as failed"), start);
    } finally {
      CallerNotices.unbind();
      running.remove(ctx.taskId());
    }
  }

  private Optional<Refusal> admit(RouterStage stage, SpawnContext ctx) {
    try (Observation span = tracing.stage(ctx.trace(), stage.name(), true)) {
      Optional<Refusal> refusal = stage.admit(ctx);
      span.metadata("decision", refusal.map(r -> "refuse: " + r.code()).orElse("proceed"));
      refusal.ifPresent(r -> span.fail(r.code() + ": " + r.message()));
      return refusal;
    }
  }

  private void after(RouterStage stage, SpawnContext ctx, AgentOutcome outcome) {
    try (Observation span = tracing.stage(ctx.trace(), stage.afterName(), false)) {
      stage.after(ctx, outcome);
    } catch (RuntimeException e) {
      log.warn("router stage {} failed after task {}: {}", stage.name(), ctx.taskId(), e.toString());
    }
  }

  private AgentRequest agentRequest(SpawnContext ctx) {
    SpawnRequest r = ctx.request();
    return new AgentRequest(ctx.archetype(), r.task(), r.context(), r.model(), r.maxTokens(), ctx.advice());
  }

  private PermittedTools permittedTools(SpawnContext ctx, List<DownstreamTool> available, Observation agent) {
    return new PermittedTools(available, ctx.archetype().permissions(), ctx.hiddenTools(),
        tracing.tools(agent.context(), toolCaller));
  }

  private SpawnResult finishRefused(SpawnContext ctx, Refusal refusal, Instant start) {
    TaskRecord record = TaskRecords.refused(tasks.find(ctx.taskId()).orElseThrow(), refusal, clock.instant());
    tasks.finish(record);
    return new SpawnResult(record, elapsed(start), refusal, ctx.resultExtras());
  }

  private SpawnResult refusedBeforeTask(Instant start, Refusal refusal) {
    return new SpawnResult(null, elapsed(start), refusal, Map.of());
  }

  private long elapsed(Instant start) {
    return Duration.between(start, clock.instant()).toMillis();
  }

  /** Stops accepting background work and waits up to {@code grace} for running tasks. */
  public void shutdown(Duration grace) throws InterruptedException {
    background.shutdown();
    if (!background.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      running.values().forEach(Running::cancel);
      background.awaitTermination(2, TimeUnit.SECONDS);
    }
  }

  /** How many spawns are running now. */
  public int runningCount() {
    return running.size();
  }

  @Override
  public void close() {
    background.shutdownNow();
    toolServers.close();
  }

  private static final class Running {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile Thread thread;

    boolean cancelled() {
      return cancelled.get();
    }

    void cancel() {
      if (cancelled.compareAndSet(false, true) && thread != null) {
        thread.interrupt();
      }
    }
  }
}
