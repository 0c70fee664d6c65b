package dev.taskorchestrator.agents;

import dev.taskorchestrator.resilience.ErrorClass;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Runs an archetype: model call, then the tool calls it asks for (concurrently), results back, until a
 * final answer, the step limit, a stop from the gateway, or cancellation (checked before every step).
 */
public final class AgentLoop {

  private final Clock clock;

  public AgentLoop(Clock clock) {
    this.clock = clock;
  }

  public AgentOutcome run(AgentRequest request, ModelGateway models, ToolGateway tools, AgentObserver observer,
      BooleanSupplier cancelled) {
    Run run = new Run(clock.instant());
    List<Message> messages = new ArrayList<>(List.of(new UserMessage(request.userMessage())));
    List<ToolDefinition> offered = tools.offered();
    int maxSteps = request.archetype().maxSteps();
    boolean schemaRetried = false;
    for (int step = 1; step <= maxSteps; step++) {
      if (cancelled.getAsBoolean()) {
        return run.end(AgentOutcome.CANCELLED, "cancelled before step " + step, null, null);
      }
      observer.onStep(step, maxSteps, step == 1 ? "thinking" : "continuing after tool results");
      ModelResponse response;
      try {
        response = models.call(modelRequest(request, messages, offered));
      } catch (ModelGateway.StopRun stop) {
        return run.end(stop.status(), stop.getMessage(), null, null);
      } catch (ProviderException e) {
        if (cancelled.getAsBoolean()) {
          return run.end(AgentOutcome.CANCELLED, "cancelled during a model call", null, null);
        }
        return run.end(AgentOutcome.FAILED, e.getMessage(), e.errorClass(), null);
      }
      run.record(response);
      if (response.hasToolCalls()) {
        messages.add(AssistantMessage.from(response));
        messages.addAll(callTools(response.toolCalls(), tools, observer, run));
        continue;
      }
      String text = response.text().strip();
      if (text.isEmpty()) {
        return run.end(AgentOutcome.FAILED, "the model returned an empty answer", ErrorClass.CONTENT, null);
      }
      if (!request.archetype().structured()) {
        return run.end(AgentOutcome.COMPLETED, "final answer", null, null);
      }
      StructuredOutput.Checked checked = StructuredOutput.check(text, request.archetype().outputSchema());
      if (checked.ok()) {
        return run.end(AgentOutcome.COMPLETED, "final answer", null, checked.value());
      }
      if (schemaRetried) {
        return run.end(AgentOutcome.FAILED, "the answer does not satisfy the output schema: " + checked.problem(),
            ErrorClass.CONTENT, null);
      }
      schemaRetried = true;
      messages.add(AssistantMessage.of(text));
      messages.add(new UserMessage("Your answer does not satisfy the required JSON schema (" + checked.problem()
          + "). Answer again with only the JSON object."));
    }
    return run.end(AgentOutcome.MAX_STEPS, "stopped after " + maxSteps + " model calls without a final answer",
        null, null);
  }

  private static ModelRequest modelRequest(AgentRequest request, List<Message> messages, List<ToolDefinition> tools) {
    Archetype a = request.archetype();
    return new ModelRequest(request.model() != null ? request.model() : a.model(), request.systemPrompt(),
        messages, tools, a.temperature(), request.effectiveMaxTokens(), a.outputSchema());
  }

  private List<Message> callTools(List<ToolCall> calls, ToolGateway tools, AgentObserver observer, Run run) {
    List<Called> done = new ArrayList<>();
    if (calls.size() == 1) {
      done.add(callTool(calls.get(0), tools, observer));
    } else {
      List<Future<Called>> futures;
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        futures = calls.stream().map(c -> pool.submit(() -> callTool(c, tools, observer))).toList();
      } // close() waits for every call; only then are the results there to take
      futures.forEach(f -> done.add(f.resultNow()));
    }
    // Recorded in the order the model asked for them, not the order they finished in.
    done.forEach(c -> run.record(c.record()));
    return done.stream().map(Called::message).toList();
  }

  /** One tool call's result for the model and its record for the outcome. */
  private record Called(Message message, AgentOutcome.ToolCallRecord record) {}

  private Called callTool(ToolCall call, ToolGateway tools, AgentObserver observer) {
    Instant start = clock.instant();
    ToolResult result;
    ErrorClass errorClass = null;
    boolean refused = false;
    try {
      result = tools.call(call.name(), call.arguments());
    } catch (ToolCallException e) {
      result = ToolResult.error(e.getMessage());
      errorClass = e.errorClass();
      refused = e.refused();
    } catch (RuntimeException e) {
      result = ToolResult.error("the tool call failed inside the orchestrator");
      errorClass = ErrorClass.SERVER;
    }
    var record = new AgentOutcome.ToolCallRecord(call.name(), !result.error(),
        result.error() ? abbreviate(result.text()) : null, errorClass, refused, Duration.between(start, clock.instant()));
    observer.onToolCall(record);
    return new Called(new ToolResultMessage(call.id(), call.name(), result.text(), result.error()), record);
  }

  private static String abbreviate(String s) {
    return s.length() > 500 ? s.substring(0, 500) + "…" : s;
  }

  /** What a run has gathered so far. */
  private final class Run {
    private final Instant start;
    private final List<AgentOutcome.ToolCallRecord> toolCalls = new ArrayList<>();
    private long input;
    private long output;
    private long cached;
    private long cacheWrite;
    private int steps;
    private String lastText = "";
    private String provider;
    private String model;

    Run(Instant start) {
      this.start = start;
    }

    void record(ModelResponse r) {
      steps++;
      input += r.usage().inputTokens();
      output += r.usage().outputTokens();
      cached += r.usage().cachedInputTokens();
      cacheWrite += r.usage().cacheWriteTokens();
      provider = r.provider();
      model = r.model();
      if (!r.text().isBlank()) {
        lastText = r.text().strip();
      }
    }

    void record(AgentOutcome.ToolCallRecord call) {
      toolCalls.add(call);
    }

    AgentOutcome end(String status, String reason, ErrorClass errorClass, Object structured) {
      return new AgentOutcome(status, lastText, structured, provider, model,
          new ModelUsage(input, output, cached, cacheWrite, Map.of()), steps, List.copyOf(toolCalls), reason,
          errorClass, Duration.between(start, clock.instant()));
    }
  }
}
