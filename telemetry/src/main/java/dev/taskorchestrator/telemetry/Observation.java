package dev.taskorchestrator.telemetry;

import static dev.taskorchestrator.telemetry.LangfuseAttributes.*;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One open span of a request's tree (root, guardrail, agent, tool or stage). Ending it is cheap and
 * never blocks on export. Pass {@link #context()} to another thread to continue the trace there.
 * Not meant to be shared by threads that mutate it concurrently (OTel spans are thread-safe, but
 * attribute order would be arbitrary).
 */
public final class Observation implements AutoCloseable {

  private final Span span;
  private final Context context;
  private final ContentPolicy content;
  private final boolean root;

  Observation(Span span, Context context, ContentPolicy content, boolean root) {
    this.span = span;
    this.context = context;
    this.content = content;
    this.root = root;
  }

  /** The 32-hex-character trace id; Langfuse uses it as the trace id. */
  public String traceId() {
    return span.getSpanContext().getTraceId();
  }

  /** The 16-hex-character span id; Langfuse uses it as the observation id. */
  public String spanId() {
    return span.getSpanContext().getSpanId();
  }

  /** The context holding this span and the trace attributes; the parent for children on any thread. */
  public Context context() {
    return context;
  }

  /** Makes this span current on this thread; close the scope on the same thread. */
  public Scope makeCurrent() {
    return context.makeCurrent();
  }

  /** The underlying OTel span, for anything the helpers do not cover. */
  public Span span() {
    return span;
  }

  /** Records the input (JSON or text), truncated; only its length when content capture is off. */
  public Observation input(String json) {
    content.record(span, INPUT, INPUT_CHARS, json);
    if (root && content.capture() && json != null) {
      span.setAttribute(TRACE_INPUT, content.truncate(json));
    }
    return this;
  }

  /** Records the output (JSON or text); on the root span it is also the trace output. */
  public Observation output(String json) {
    content.record(span, OUTPUT, OUTPUT_CHARS, json);
    if (root && content.capture() && json != null) {
      span.setAttribute(TRACE_OUTPUT, content.truncate(json));
    }
    return this;
  }

  /** Sets a metadata value shown by Langfuse ({@code langfuse.observation.metadata.<key>}). */
  public Observation metadata(String key, String value) {
    span.setAttribute(AttributeKey.stringKey(METADATA_PREFIX + key), value);
    return this;
  }

  /** Records a guardrail's outcome: the decision, the matched pattern ids and the reserved amount. */
  public Observation guardrailOutcome(String decision, List<String> matchedPatternIds, BigDecimal reservedUsd) {
    span.setAttribute(DECISION, Objects.requireNonNull(decision, "decision is null"));
    if (!matchedPatternIds.isEmpty()) {
      span.setAttribute(MATCHED_PATTERN_IDS, List.copyOf(matchedPatternIds));
    }
    if (reservedUsd != null) {
      span.setAttribute(RESERVED_USD, reservedUsd.toPlainString());
    }
    return this;
  }

  /** Records a downstream tool call's breaker state and the number of retries it took. */
  public Observation toolOutcome(String breakerState, int retries) {
    span.setAttribute(BREAKER_STATE, breakerState);
    span.setAttribute(RETRIES, (long) retries);
    return this;
  }

  /** Adds a span event. */
  public Observation event(String name, Attributes attributes) {
    span.addEvent(name, attributes);
    return this;
  }

  /** A circuit breaker changed state while this span was open. */
  public Observation breakerTransition(String breaker, String from, String to) {
    return event(EVENT_BREAKER_TRANSITION, Attributes.of(
        AttributeKey.stringKey("breaker"), breaker,
        AttributeKey.stringKey("from"), from,
        AttributeKey.stringKey("to"), to));
  }

  /** The budget fell under its warning threshold. */
  public Observation budgetWarning(String scope, BigDecimal remainingUsd, BigDecimal limitUsd) {
    span.setAttribute(LEVEL, "WARNING");
    return event(EVENT_BUDGET_WARNING, Attributes.of(
        AttributeKey.stringKey("scope"), scope,
        AttributeKey.stringKey("remaining_usd"), remainingUsd.toPlainString(),
        AttributeKey.stringKey("limit_usd"), limitUsd.toPlainString()));
  }

  /** A retried attempt. */
  public Observation retry(RetryEvent attempt) {
    Observations.addRetryEvent(span, attempt);
    return this;
  }

  /** Marks the span failed (Langfuse level ERROR) with a short message; the message is redacted on export. */
  public Observation fail(String message) {
    span.setStatus(StatusCode.ERROR, message);
    span.setAttribute(LEVEL, "ERROR");
    span.setAttribute(STATUS_MESSAGE, message);
    return this;
  }

  /** Marks the span failed with an exception (recorded as an exception event). */
  public Observation fail(Throwable error) {
    span.recordException(error);
    return fail(error.getClass().getSimpleName() + ": " + error.getMessage());
  }

  /** Ends the span now. Idempotent. */
  public void end() {
    span.end();
  }

  /** Same as {@link #end()}, for try-with-resources. */
  @Override
  public void close() {
    end();
  }
}
