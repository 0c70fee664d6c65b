package dev.taskorchestrator.tools;

import dev.taskorchestrator.agents.AgentObserver;
import dev.taskorchestrator.agents.Archetypes;
import dev.taskorchestrator.orchestrator.Caller;
import dev.taskorchestrator.orchestrator.Orchestrator;
import dev.taskorchestrator.orchestrator.SpawnRequest;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code spawn_archetype_agent}, {@code get_task} and {@code cancel_task}. */
final class SpawnTools {

  private final Archetypes archetypes;
  private final ToolCalls calls;

  SpawnTools(Archetypes archetypes, ToolCalls calls) {
    this.archetypes = archetypes;
    this.calls = calls;
  }

  List<McpServerFeatures.SyncToolSpecification> specifications() {
    return List.of(calls.guarded(spawnTool(), this::spawn), calls.guarded(getTool(), this::get),
        calls.guarded(cancelTool(), this::cancel));
  }

  private McpSchema.Tool spawnTool() {
    List<String> names = archetypes.names();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("archetype", Map.of("type", "string", "enum", names, "description",
        "which specialist: researcher (context report with sources), architect (spec and test plan, read-only), "
            + "builder (implements and runs checks), qc (verdict, score, issues)"));
    p.put("task", Schemas.string("what the agent should do, self-contained: it sees nothing else of your conversation"));
    p.put("context", Schemas.string("material the agent needs (excerpts, earlier results, constraints)"));
    p.put("model", Schemas.string("a model to prefer; default: the archetype's or the provider's"));
    p.put("max_tokens", Schemas.integer("output limit per model call; default: the archetype's", 1, 200_000));
    p.put("session_id", Schemas.string("your session id, to group tasks and budgets"));
    p.put("parent_task_id", Schemas.string("the task this one is a sub-task of"));
    p.put("background", Schemas.bool("true: return the task_id at once and poll get_task for the result"));
    p.put("budget_usd", Map.of("type", "number", "minimum", 0, "description",
        "most this task may spend, in USD; a sub-task (parent_task_id) gets at most its parent's remaining budget"));
    return McpSchema.Tool.builder("spawn_archetype_agent", Schemas.object(p, List.of("archetype", "task")))
        .title("Spawn a specialist agent")
        .description("Runs a specialist sub-agent (" + String.join(", ", names) + ") on a task and returns its "
            + "result: output, provider, model, token usage, cost_usd, budget state, tool calls and stop reason. Before any model is "
            + "called the router checks budget, circuit breakers and learned failure patterns; a refusal comes "
            + "back with isError and an error.code you can act on. Long tasks: set background and poll get_task.")
        .outputSchema(Schemas.taskResult())
        .annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(false).destructiveHint(false)
            .idempotentHint(false).openWorldHint(true).build())
        .build();
  }

  private static McpSchema.Tool getTool() {
    return McpSchema.Tool.builder("get_task", Schemas.object(
            Map.of("task_id", Schemas.string("the task_id a spawn returned")), List.of("task_id")))
        .title("Get a task")
        .description("Returns a spawned task's status and, once it has ended, its result (same fields as "
            + "spawn_archetype_agent). Use it to poll background tasks.")
        .outputSchema(Schemas.taskResult())
        .annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(true).idempotentHint(true)
            .openWorldHint(false).build())
        .build();
  }

  private static McpSchema.Tool cancelTool() {
    return McpSchema.Tool.builder("cancel_task", Schemas.object(
            Map.of("task_id", Schemas.string("the task_id of a running task")), List.of("task_id")))
        .title("Cancel a task")
        .description("Asks a running task to stop at its next step; it ends with status cancelled and keeps "
            + "what it produced so far. Returns the task as it is now.")
        .outputSchema(Schemas.taskResult())
        .annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(false).destructiveHint(false)
            .idempotentHint(true).openWorldHint(false).build())
        .build();
  }

  private CallToolResult spawn(McpSyncServerExchange exchange, McpSchema.CallToolRequest raw) {
    Arguments a = Arguments.of(raw);
    SpawnRequest request;
    try {
      request = new SpawnRequest(a.requiredString("archetype"), a.requiredString("task"),
          a.optionalString("context"), a.optionalString("model"), a.optionalInt("max_tokens", 1, 200_000),
          a.optionalString("session_id"), a.optionalString("parent_task_id"), a.optionalBoolean("background"),
          a.optionalDecimal("budget_usd"));
    } catch (IllegalArgumentException e) {
      throw new Arguments.Invalid(e.getMessage());
    }
    return TaskResults.of(orchestrator().spawn(request, caller(exchange, raw, request.background())));
  }

  private CallToolResult get(McpSyncServerExchange exchange, McpSchema.CallToolRequest raw) {
    String id = Arguments.of(raw).requiredString("task_id");
    return orchestrator().task(id).map(TaskResults::of)
        .orElseGet(() -> ToolCalls.error("no task " + id + "; task ids look like task_… and come from spawn_archetype_agent"));
  }

  private CallToolResult cancel(McpSyncServerExchange exchange, McpSchema.CallToolRequest raw) {
    String id = Arguments.of(raw).requiredString("task_id");
    return orchestrator().cancel(id).map(TaskResults::of)
        .orElseGet(() -> ToolCalls.error("no task " + id + "; task ids look like task_… and come from spawn_archetype_agent"));
  }

  private Orchestrator orchestrator() {
    return calls.backend().orchestrator();
  }

  /**
   * The client as the spawn sees it. With the server's own transports, sampling and cancellation go through
   * the request's {@link CallChannel}: a background spawn's sampling goes to the session's stream (the call
   * is answered at once), any sampling is withdrawn when the task is cancelled, and the client cancelling
   * the call stops the task.
   */
  private static Caller caller(McpSyncServerExchange exchange, McpSchema.CallToolRequest raw, boolean background) {
    boolean sampling = exchange.getClientCapabilities() != null && exchange.getClientCapabilities().sampling() != null;
    java.util.Optional<CallChannel> channel = CallChannel.of(exchange);
    java.util.function.Function<McpSchema.CreateMessageRequest, McpSchema.CreateMessageResult> sample =
        channel.map(c -> background ? c.detached() : c)
            .<java.util.function.Function<McpSchema.CreateMessageRequest, McpSchema.CreateMessageResult>>map(
                c -> c::createMessage).orElse(exchange::createMessage);
    return new Caller(sampling ? sample : null, new ProgressObserver(exchange, raw.progressToken()),
        (level, message) -> exchange.loggingNotification(McpSchema.LoggingMessageNotification.builder(
            McpSchema.LoggingLevel.valueOf(level.toUpperCase(java.util.Locale.ROOT)), message)
            .logger("task-orchestrator").build()),
        channel.<java.util.function.Consumer<Runnable>>map(c -> c::onCancel).orElse(null));
  }

  /** Sends each step as a progress notification when the client asked for progress. */
  private record ProgressObserver(McpSyncServerExchange exchange, Object token) implements AgentObserver {
    @Override
    public void onStep(int step, int maxSteps, String what) {
      if (token != null) {
        try {
          exchange.progressNotification(McpSchema.ProgressNotification.builder(token, step).total((double) maxSteps)
              .message("step " + step + ": " + what).build());
        } catch (RuntimeException e) {
          // progress is best effort: a client gone away must not fail the run
        }
      }
    }
  }
}
