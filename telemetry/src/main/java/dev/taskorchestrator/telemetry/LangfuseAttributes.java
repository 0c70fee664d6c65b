package dev.taskorchestrator.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * Attribute keys Langfuse maps (reference notes §2.3), the GenAI semantic-convention keys we send,
 * and our own metadata keys. Callers use {@link Observations}; these constants are for tests and for
 * the rare attribute the helpers do not cover.
 */
public final class LangfuseAttributes {

  // trace level (copied onto every span, Langfuse v4 is observations-first)
  public static final AttributeKey<String> TRACE_NAME = AttributeKey.stringKey("langfuse.trace.name");
  public static final AttributeKey<String> SESSION_ID = AttributeKey.stringKey("session.id");
  public static final AttributeKey<String> USER_ID = AttributeKey.stringKey("user.id");
  public static final AttributeKey<List<String>> TRACE_TAGS = AttributeKey.stringArrayKey("langfuse.trace.tags");
  public static final AttributeKey<String> TRACE_INPUT = AttributeKey.stringKey("langfuse.trace.input");
  public static final AttributeKey<String> TRACE_OUTPUT = AttributeKey.stringKey("langfuse.trace.output");
  public static final AttributeKey<String> ENVIRONMENT = AttributeKey.stringKey("langfuse.environment");

  // observation level
  public static final AttributeKey<String> OBSERVATION_TYPE = AttributeKey.stringKey("langfuse.observation.type");
  public static final AttributeKey<String> INPUT = AttributeKey.stringKey("langfuse.observation.input");
  public static final AttributeKey<String> OUTPUT = AttributeKey.stringKey("langfuse.observation.output");
  public static final AttributeKey<String> LEVEL = AttributeKey.stringKey("langfuse.observation.level");
  public static final AttributeKey<String> STATUS_MESSAGE =
      AttributeKey.stringKey("langfuse.observation.status_message");
  public static final AttributeKey<String> MODEL_NAME = AttributeKey.stringKey("langfuse.observation.model.name");
  public static final AttributeKey<String> USAGE_DETAILS =
      AttributeKey.stringKey("langfuse.observation.usage_details");
  public static final AttributeKey<String> COST_DETAILS = AttributeKey.stringKey("langfuse.observation.cost_details");
  public static final AttributeKey<String> COMPLETION_START_TIME =
      AttributeKey.stringKey("langfuse.observation.completion_start_time");
  /** Prefix of per-key observation metadata ({@code langfuse.observation.metadata.<key>}). */
  public static final String METADATA_PREFIX = "langfuse.observation.metadata.";

  // our metadata (shown by Langfuse as observation metadata)
  public static final AttributeKey<String> DECISION = AttributeKey.stringKey(METADATA_PREFIX + "decision");
  public static final AttributeKey<List<String>> MATCHED_PATTERN_IDS =
      AttributeKey.stringArrayKey(METADATA_PREFIX + "matched_pattern_ids");
  public static final AttributeKey<String> RESERVED_USD = AttributeKey.stringKey(METADATA_PREFIX + "reserved_usd");
  public static final AttributeKey<String> BREAKER_STATE = AttributeKey.stringKey(METADATA_PREFIX + "breaker_state");
  public static final AttributeKey<Long> RETRIES = AttributeKey.longKey(METADATA_PREFIX + "retries");
  public static final AttributeKey<Long> LATENCY_MS = AttributeKey.longKey(METADATA_PREFIX + "latency_ms");
  public static final AttributeKey<Long> INPUT_CHARS = AttributeKey.longKey(METADATA_PREFIX + "input_chars");
  public static final AttributeKey<Long> OUTPUT_CHARS = AttributeKey.longKey(METADATA_PREFIX + "output_chars");

  // GenAI semantic conventions (own constants; the incubating artifact is all @Deprecated)
  public static final AttributeKey<String> GEN_AI_OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  public static final AttributeKey<String> GEN_AI_PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
  public static final AttributeKey<String> GEN_AI_REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  public static final AttributeKey<String> GEN_AI_RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
  public static final AttributeKey<List<String>> GEN_AI_FINISH_REASONS =
      AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  public static final AttributeKey<Long> GEN_AI_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  public static final AttributeKey<Long> GEN_AI_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
  public static final AttributeKey<String> GEN_AI_AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");
  public static final AttributeKey<String> GEN_AI_TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");

  /** Values of {@link #OBSERVATION_TYPE}. */
  public static final String TYPE_SPAN = "span";
  public static final String TYPE_GUARDRAIL = "guardrail";
  public static final String TYPE_AGENT = "agent";
  public static final String TYPE_GENERATION = "generation";
  public static final String TYPE_TOOL = "tool";

  /** Span event names. */
  public static final String EVENT_RETRY = "retry";
  public static final String EVENT_BREAKER_TRANSITION = "breaker.transition";
  public static final String EVENT_BUDGET_WARNING = "budget.warning";

  private LangfuseAttributes() {}
}
