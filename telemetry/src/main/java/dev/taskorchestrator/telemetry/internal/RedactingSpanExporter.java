package dev.taskorchestrator.telemetry.internal;

import dev.taskorchestrator.redaction.Redactor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Redacts every string attribute value, event attribute, status message and span name before the
 * delegate sees a span. Runs on the export thread, so redaction costs the request path nothing.
 */
public final class RedactingSpanExporter implements SpanExporter {

  private final SpanExporter delegate;
  private final Redactor redactor;

  public RedactingSpanExporter(SpanExporter delegate, Redactor redactor) {
    this.delegate = delegate;
    this.redactor = redactor;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    List<SpanData> redacted = new ArrayList<>(spans.size());
    for (SpanData span : spans) {
      redacted.add(new Redacted(span, redactor));
    }
    return delegate.export(redacted);
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  /** Redacts string and string-array values; other types pass through. */
  @SuppressWarnings("unchecked")
  static Attributes redact(Attributes attributes, Redactor redactor) {
    AttributesBuilder builder = Attributes.builder();
    attributes.forEach((key, value) -> {
      if (key.getType() == AttributeType.STRING) {
        builder.put((AttributeKey<String>) key, redactor.redact((String) value));
      } else if (key.getType() == AttributeType.STRING_ARRAY) {
        List<String> values = new ArrayList<>();
        for (String v : (List<String>) value) {
          values.add(redactor.redact(v));
        }
        builder.put((AttributeKey<List<String>>) key, values);
      } else {
        builder.put((AttributeKey<Object>) key, value);
      }
    });
    return builder.build();
  }

  private static final class Redacted extends DelegatingSpanData {
    private final String name;
    private final Attributes attributes;
    private final List<EventData> events;
    private final StatusData status;

    Redacted(SpanData span, Redactor redactor) {
      super(span);
      this.name = redactor.redact(span.getName());
      this.attributes = redact(span.getAttributes(), redactor);
      List<EventData> redactedEvents = new ArrayList<>(span.getEvents().size());
      for (EventData e : span.getEvents()) {
        redactedEvents.add(EventData.create(e.getEpochNanos(), redactor.redact(e.getName()),
            redact(e.getAttributes(), redactor), e.getTotalAttributeCount()));
      }
      this.events = redactedEvents;
      StatusData s = span.getStatus();
      this.status = s.getDescription().isEmpty() ? s : StatusData.create(s.getStatusCode(), redactor.redact(s.getDescription()));
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public Attributes getAttributes() {
      return attributes;
    }

    @Override
    public List<EventData> getEvents() {
      return events;
    }

    @Override
    public StatusData getStatus() {
      return status;
    }
  }
}
