package dev.taskorchestrator.orchestrator;

import dev.taskorchestrator.agents.AgentOutcome;
import dev.taskorchestrator.agents.DownstreamTool;
import dev.taskorchestrator.agents.Message;
import dev.taskorchestrator.agents.ModelGateway;
import dev.taskorchestrator.agents.ModelRequest;
import dev.taskorchestrator.agents.ModelResponse;
import dev.taskorchestrator.agents.PermittedTools;
import dev.taskorchestrator.agents.ProviderException;
import dev.taskorchestrator.agents.ToolCallException;
import dev.taskorchestrator.agents.ToolResult;
import dev.taskorchestrator.telemetry.GenerationRecord;
import dev.taskorchestrator.telemetry.Observation;
import dev.taskorchestrator.telemetry.Telemetry;
import io.opentelemetry.context.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The spans of one spawn, in Langfuse's shapes: a guardrail per router check, the agent, a generation
 * per model call (with our usage and cost) and a tool span per downstream call.
 */
final class RunTracing {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Telemetry telemetry;
  private final Clock clock;

  RunTracing(Telemetry telemetry, Clock clock) {
    this.telemetry = telemetry;
    this.clock = clock;
  }

  Observation stage(Context parent, String name, boolean guardrail) {
    return guardrail ? telemetry.observations().startGuardrail(parent, "router." + name)
        : telemetry.observations().startStage(parent, "router." + name);
  }

  /** Counts the learned patterns the patterns stage applied to this spawn. */
  void patternsApplied(SpawnContext ctx) {
    if (ctx.resultExtras().get("patterns_applied") instanceof List<?> applied) {
      for (Object p : applied) {
        if (p instanceof Map<?, ?> m && m.get("id") instanceof String id) {
          telemetry.metrics().patternMatch(id);
        }
      }
    }
  }

  Observation agent(Context parent, String archetype) {
    return telemetry.observations().startAgent(parent, archetype);
  }

  void agentEnded(Observation agent, String archetype, AgentOutcome outcome) {
    agent.output(outcome.output()).metadata("status", outcome.status())
        .metadata("steps", String.valueOf(outcome.steps()));
    if (!outcome.succeeded()) {
      agent.fail(outcome.status() + ": " + outcome.stopReason());
    }
    agent.end();
    telemetry.metrics().spawn(archetype, outcome.status());
  }

  /**
   * Scores the spawn's trace in Langfuse: its cost as the budget charged it, whether it succeeded, and
   * the score a QC agent gave. Nothing is sent when the spawn has no trace (telemetry off).
   */
  void scored(Context trace, java.math.BigDecimal costUsd, AgentOutcome outcome) {
    io.opentelemetry.api.trace.SpanContext span = io.opentelemetry.api.trace.Span.fromContext(trace).getSpanContext();
    if (!span.isValid()) {
      return;
    }
    String traceId = span.getTraceId();
    telemetry.scores().costUsd(traceId, costUsd);
    telemetry.scores().success(traceId, outcome.succeeded());
    if (outcome.structuredOutput() instanceof Map<?, ?> verdict && verdict.get("score") instanceof Number score) {
      telemetry.scores().qcScore(traceId, score.doubleValue(), String.valueOf(verdict.get("verdict")));
    }
  }

  /** Records a generation for every model call made through {@code next}. */
  ModelGateway generations(Context agent, ModelGateway next, SpawnContext ctx) {
    return request -> {
      Instant start = clock.instant();
      try {
        ModelResponse r = next.call(request);
        GenerationRecord.Builder g = GenerationRecord.builder(r.provider(), r.model())
            .input(content(request)).output(r.text()).startedAt(start)
            .latency(Duration.between(start, clock.instant())).finishReason(r.finishReason().name().toLowerCase())
            .usage(usage(r));
        ctx.lastCost().ifPresent(cost -> g.costUsd(Map.of("total", cost)));
        telemetry.observations().recordGeneration(agent, g.build());
        telemetry.metrics().modelCall(r.provider(), r.model(), r.usage().inputTokens(), r.usage().outputTokens());
        ctx.lastCost().ifPresent(cost -> telemetry.metrics().spend(r.provider(), r.model(), cost));
        return r;
      } catch (ProviderException e) {
        telemetry.observations().recordGeneration(agent, GenerationRecord.builder(e.provider(),
                request.model() == null ? "unknown" : request.model()).input(content(request)).startedAt(start)
            .latency(Duration.between(start, clock.instant())).error(e.errorClass().wireName() + ": " + e.getMessage())
            .build());
        throw e;
      }
    };
  }

  /** Wraps downstream tool calls in tool spans. */
  PermittedTools.Caller tools(Context agent, PermittedTools.Caller next) {
    return (DownstreamTool tool, Map<String, Object> args) -> {
      Observation span = telemetry.observations().startTool(agent, tool.qualifiedName());
      try {
        span.input(JSON.writeValueAsString(args));
        ToolResult result = next.call(tool, args);
        span.output(result.text());
        if (result.error()) {
          span.fail("the tool reported an error");
        }
        return result;
      } catch (ToolCallException e) {
        span.fail(e.errorClass().wireName() + ": " + e.getMessage());
        throw e;
      } finally {
        span.end();
      }
    };
  }

  private static Map<String, Long> usage(ModelResponse r) {
    Map<String, Long> u = new LinkedHashMap<>();
    u.put("input", r.usage().uncachedInputTokens());
    u.put("output", r.usage().outputTokens());
    if (r.usage().cachedInputTokens() > 0) {
      u.put("input_cached_tokens", r.usage().cachedInputTokens());
    }
    if (r.usage().cacheWriteTokens() > 0) {
      u.put("input_cache_creation", r.usage().cacheWriteTokens());
    }
    return u;
  }

  private static String content(ModelRequest request) {
    List<Map<String, String>> messages = new ArrayList<>();
    messages.add(Map.of("role", "system", "content", request.systemPrompt()));
    for (Message m : request.messages()) {
      messages.add(switch (m) {
        case dev.taskorchestrator.agents.UserMessage u -> Map.of("role", "user", "content", u.text());
        case dev.taskorchestrator.agents.AssistantMessage a -> Map.of("role", "assistant", "content",
            a.text() + (a.toolCalls().isEmpty() ? "" : " [tool calls: " + a.toolCalls().size() + "]"));
        case dev.taskorchestrator.agents.ToolResultMessage t -> Map.of("role", "tool", "content", t.content());
      });
    }
    return JSON.writeValueAsString(messages);
  }
}
