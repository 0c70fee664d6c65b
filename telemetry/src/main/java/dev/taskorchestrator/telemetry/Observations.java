package dev.taskorchestrator.telemetry;

import static dev.taskorchestrator.telemetry.LangfuseAttributes.*;

import dev.taskorchestrator.telemetry.internal.TraceAttributesProcessor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Opens the spans of a request's tree with Langfuse's conventions, so callers never write attribute
 * keys by hand:
 *
 * <pre>{@code
 * try (Observation root = obs.startRoot("spawn_archetype_agent", sessionId, userId, tags, argsJson);
 *      Scope s = root.makeCurrent()) {
 *   try (Observation g = obs.startGuardrail("router.budget")) { g.guardrailOutcome("allow", List.of(), reserved); }
 *   try (Observation agent = obs.startAgent("builder"); Scope a = agent.makeCurrent()) {
 *     obs.recordGeneration(generationRecord);          // one per model call
 *     try (Observation t = obs.startTool("fs.read_file")) { t.toolOutcome("CLOSED", 0); }
 *   }
 *   root.output(resultSummary);
 * }
 * }</pre>
 *
 * Methods without a {@link Context} use {@link Context#current()} as the parent; the overloads with
 * one let a background task continue a trace from a captured {@link Observation#context()}.
 */
public final class Observations {

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private final Tracer tracer;
  private final ContentPolicy content;
  private final String environment;

  Observations(Tracer tracer, ContentPolicy content, String environment) {
    this.tracer = Objects.requireNonNull(tracer, "tracer is null");
    this.content = content;
    this.environment = environment;
  }

  /**
   * Starts a new trace: root span {@code tools/call <toolName>}. Session, user and tags are put on
   * the root and, through the returned context, copied onto every descendant span.
   *
   * @param sessionId nullable; Langfuse drops ids over 200 characters
   * @param userId nullable
   * @param inputJson the tool arguments, recorded as trace input (content capture applies)
   */
  public Observation startRoot(String toolName, String sessionId, String userId, List<String> tags, String inputJson) {
    String name = "tools/call " + Objects.requireNonNull(toolName, "toolName is null");
    AttributesBuilder traceAttributes = Attributes.builder().put(TRACE_NAME, name);
    if (sessionId != null && !sessionId.isBlank()) {
      traceAttributes.put(SESSION_ID, sessionId);
    }
    if (userId != null && !userId.isBlank()) {
      traceAttributes.put(USER_ID, userId);
    }
    if (tags != null && !tags.isEmpty()) {
      traceAttributes.put(TRACE_TAGS, List.copyOf(tags));
    }
    if (!environment.isEmpty()) {
      traceAttributes.put(ENVIRONMENT, environment);
    }
    Attributes shared = traceAttributes.build();
    Span span = tracer.spanBuilder(name).setNoParent().setSpanKind(SpanKind.SERVER)
        .setAllAttributes(shared).setAttribute(OBSERVATION_TYPE, TYPE_SPAN).startSpan();
    Context context = TraceAttributesProcessor.withTraceAttributes(Context.root().with(span), shared);
    return new Observation(span, context, content, true).input(inputJson);
  }

  /** A safety-check stage ({@code router.budget}, {@code router.circuits}, {@code router.patterns}). */
  public Observation startGuardrail(String name) {
    return startGuardrail(Context.current(), name);
  }

  public Observation startGuardrail(Context parent, String name) {
    return start(parent, name, TYPE_GUARDRAIL, SpanKind.INTERNAL);
  }

  /** A plain stage ({@code router.learn}, {@code router.settle}). */
  public Observation startStage(String name) {
    return startStage(Context.current(), name);
  }

  public Observation startStage(Context parent, String name) {
    return start(parent, name, TYPE_SPAN, SpanKind.INTERNAL);
  }

  /** The agent run: span {@code agent <archetype>}. */
  public Observation startAgent(String archetype) {
    return startAgent(Context.current(), archetype);
  }

  public Observation startAgent(Context parent, String archetype) {
    Observation agent = start(parent, "agent " + archetype, TYPE_AGENT, SpanKind.INTERNAL);
    agent.span().setAttribute(GEN_AI_OPERATION, "invoke_agent");
    agent.span().setAttribute(GEN_AI_AGENT_NAME, archetype);
    return agent;
  }

  /** One downstream tool call: span {@code tool <name>}. */
  public Observation startTool(String toolName) {
    return startTool(Context.current(), toolName);
  }

  public Observation startTool(Context parent, String toolName) {
    Observation tool = start(parent, "tool " + toolName, TYPE_TOOL, SpanKind.CLIENT);
    tool.span().setAttribute(GEN_AI_OPERATION, "execute_tool");
    tool.span().setAttribute(GEN_AI_TOOL_NAME, toolName);
    return tool;
  }

  /** Records a finished model call as a generation under the current span; returns its span id. */
  public String recordGeneration(GenerationRecord record) {
    return recordGeneration(Context.current(), record);
  }

  /** Records a finished model call as a generation under {@code parent}; returns its span id. */
  public String recordGeneration(Context parent, GenerationRecord r) {
    Instant end = r.startedAt().plus(r.latency());
    Span span = tracer.spanBuilder("generation " + r.model()).setParent(parent)
        .setSpanKind(SpanKind.CLIENT).setStartTimestamp(r.startedAt())
        .setAttribute(OBSERVATION_TYPE, TYPE_GENERATION)
        .setAttribute(GEN_AI_OPERATION, "chat")
        .setAttribute(GEN_AI_PROVIDER, r.provider())
        .setAttribute(GEN_AI_REQUEST_MODEL, r.model())
        .setAttribute(MODEL_NAME, r.responseModel().orElse(r.model()))
        .setAttribute(LATENCY_MS, r.latency().toMillis())
        .setAttribute(RETRIES, (long) r.retries().size())
        .startSpan();
    r.responseModel().ifPresent(m -> span.setAttribute(GEN_AI_RESPONSE_MODEL, m));
    r.finishReason().ifPresent(f -> span.setAttribute(GEN_AI_FINISH_REASONS, List.of(f)));
    r.timeToFirstToken().ifPresent(t -> span.setAttribute(COMPLETION_START_TIME, r.startedAt().plus(t).toString()));
    if (!r.usage().isEmpty()) {
      span.setAttribute(USAGE_DETAILS, usageJson(r.usage()));
      putIfPresent(span, GEN_AI_INPUT_TOKENS, r.usage().get("input"));
      putIfPresent(span, GEN_AI_OUTPUT_TOKENS, r.usage().get("output"));
    }
    if (!r.costUsd().isEmpty()) {
      span.setAttribute(COST_DETAILS, costJson(r.costUsd(), r.totalCostUsd()));
    }
    r.input().ifPresent(in -> content.record(span, INPUT, INPUT_CHARS, in));
    r.output().ifPresent(out -> content.record(span, OUTPUT, OUTPUT_CHARS, out));
    r.retries().forEach(attempt -> addRetryEvent(span, attempt));
    r.error().ifPresent(e -> {
      span.setStatus(StatusCode.ERROR, e);
      span.setAttribute(LEVEL, "ERROR");
      span.setAttribute(STATUS_MESSAGE, e);
    });
    span.end(end);
    return span.getSpanContext().getSpanId();
  }

  /** Adds an event to the current span (e.g. from a breaker listener running inside a call). */
  public static void eventOnCurrent(String name, Attributes attributes) {
    Span.current().addEvent(name, attributes);
  }

  static void addRetryEvent(Span span, RetryEvent a) {
    span.addEvent(EVENT_RETRY, Attributes.builder()
        .put("attempt", a.attempt())
        .put("error.type", a.errorClass())
        .put("message", a.message())
        .put("backoff_ms", a.backoff().toMillis())
        .build(), a.at());
  }

  private Observation start(Context parent, String name, String type, SpanKind kind) {
    Objects.requireNonNull(parent, "parent is null");
    Span span = tracer.spanBuilder(name).setParent(parent).setSpanKind(kind)
        .setAttribute(OBSERVATION_TYPE, type).startSpan();
    return new Observation(span, parent.with(span), content, false);
  }

  private static void putIfPresent(Span span, AttributeKey<Long> key, Long value) {
    if (value != null) {
      span.setAttribute(key, value);
    }
  }

  static String usageJson(Map<String, Long> usage) {
    ObjectNode node = JSON.createObjectNode();
    new TreeMap<>(usage).forEach(node::put);
    return JSON.writeValueAsString(node);
  }

  static String costJson(Map<String, BigDecimal> cost, BigDecimal total) {
    ObjectNode node = JSON.createObjectNode();
    new TreeMap<>(cost).forEach(node::put);
    node.put("total", total);
    return JSON.writeValueAsString(node);
  }
}
