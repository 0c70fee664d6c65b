package dev.taskorchestrator.telemetry.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Copies the trace attributes (trace name, session, user, tags, environment) held in the parent
 * context onto every span at start: Langfuse v4 aggregates by attributes present on each observation.
 */
public final class TraceAttributesProcessor implements SpanProcessor {

  private static final ContextKey<Attributes> KEY = ContextKey.named("task-orchestrator-trace-attributes");

  /** The context with trace attributes every descendant span will carry. */
  public static Context withTraceAttributes(Context context, Attributes attributes) {
    return context.with(KEY, attributes);
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    Attributes attributes = parentContext.get(KEY);
    if (attributes != null) {
      span.setAllAttributes(attributes);
    }
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }
}
