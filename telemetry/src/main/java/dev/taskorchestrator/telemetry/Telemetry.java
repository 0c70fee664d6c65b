package dev.taskorchestrator.telemetry;

import com.langfuse.client.LangfuseClient;
import dev.taskorchestrator.redaction.Redactor;
import dev.taskorchestrator.telemetry.internal.BoundedBatchSpanProcessor;
import dev.taskorchestrator.telemetry.internal.LangfuseScoreSink;
import dev.taskorchestrator.telemetry.internal.RedactingSpanExporter;
import dev.taskorchestrator.telemetry.internal.TraceAttributesProcessor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * The telemetry engine: an OTel SDK tracer provider whose finished spans go through redaction and a
 * bounded, non-blocking batch exporter to Langfuse or an OTLP collector; OTel metrics; Langfuse
 * scores; trace inspection and a doctor.
 *
 * <pre>{@code
 * Telemetry telemetry = Telemetry.create(TelemetrySettings.resolve(System.getenv(), fileConfig));
 * Observations obs = telemetry.observations();
 * ... // spans, see Observations
 * telemetry.scores().costUsd(traceId, cost);
 * telemetry.close();   // flushes within settings.shutdownDeadline()
 * }</pre>
 *
 * <p>Spans are always recorded, even with no export target, so every tool result can carry a real
 * trace id; without an exporter a span costs a few hundred nanoseconds and is then garbage.
 */
public final class Telemetry implements AutoCloseable {

  private static final String SCOPE = "dev.taskorchestrator";

  private final TelemetrySettings settings;
  private final OpenTelemetrySdk sdk;
  private final Optional<BoundedBatchSpanProcessor> spanProcessor;
  private final Optional<LangfuseScoreSink> scoreSink;
  private final Scores scores;
  private final Observations observations;
  private final TelemetryMetrics metrics;
  private final TraceInspector inspector;
  private final TelemetryDoctor doctor;
  private final LazyHttp http;
  private final Redactor redactor;
  private volatile boolean closed;

  private Telemetry(TelemetrySettings settings, SpanExporter spanExporterOverride, MetricReader metricReader,
      Redactor redactor) {
    this.settings = settings;
    this.http = new LazyHttp(settings.exportTimeout());
    this.redactor = redactor;
    SpanExporter exporter = spanExporterOverride != null ? spanExporterOverride : spanExporter(settings).orElse(null);
    this.spanProcessor = Optional.ofNullable(exporter).map(e -> new BoundedBatchSpanProcessor(
        new RedactingSpanExporter(e, redactor), settings.queueSize(),
        settings.maxExportBatchSize(), settings.scheduleDelay(), settings.exportTimeout()));
    Optional<LangfuseClient> langfuse = settings.langfuse().map(c -> LangfuseClient.builder()
        .url(c.host()).credentials(c.publicKey(), c.secretKey()).httpClient(http.get()).build());
    this.scoreSink = langfuse.map(client -> new LangfuseScoreSink(client, redactor,
        settings.queueSize(), settings.maxExportBatchSize(), settings.scheduleDelay()));
    this.scores = scoreSink.<Scores>map(s -> s).orElseGet(Scores::discarding);
    Resource resource = resource(settings);
    this.sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(tracerProvider(settings, resource))
        .setMeterProvider(meterProvider(settings, resource, metricReader))
        .build();
    this.observations = new Observations(sdk.getTracer(SCOPE, version()),
        new ContentPolicy(settings.captureContent(), settings.maxContentChars()), settings.environment());
    this.metrics = new TelemetryMetrics(meter(), new TelemetryMetrics.ExportCounters(
        () -> spanProcessor.map(BoundedBatchSpanProcessor::droppedQueueFull).orElse(0L),
        () -> spanProcessor.map(BoundedBatchSpanProcessor::failedExport).orElse(0L),
        scores::droppedQueueFull, scores::failed));
    this.inspector = new TraceInspector(langfuse, this::langfuseTraceUrl);
    this.doctor = new TelemetryDoctor(settings, langfuse, http);
  }

  /** Telemetry as the settings say: export to Langfuse, to an OTLP collector, or nowhere. */
  public static Telemetry create(TelemetrySettings settings) {
    return builder(settings).build();
  }

  /** Telemetry that exports nothing: spans and trace ids still exist; scores are discarded. */
  public static Telemetry disabled() {
    return create(TelemetrySettings.disabled());
  }

  public static Builder builder(TelemetrySettings settings) {
    return new Builder(settings);
  }

  public TelemetrySettings settings() { return settings; }

  /** The redactor every exported span, event and score passes. */
  public Redactor redactor() { return redactor; }

  /** The OTel API entry point (for libraries that take an {@code OpenTelemetry}). */
  public OpenTelemetry openTelemetry() { return sdk; }

  public Tracer tracer() { return sdk.getTracer(SCOPE, version()); }

  public Meter meter() { return sdk.getMeter(SCOPE); }

  /** The span-tree helpers with Langfuse conventions. */
  public Observations observations() { return observations; }

  public TelemetryMetrics metrics() { return metrics; }

  public Scores scores() { return scores; }

  public TraceInspector inspector() { return inspector; }

  public TelemetryDoctor doctor() { return doctor; }

  /** {@code {host}/trace/{traceId}} (Langfuse redirects it to the project's trace page) when Langfuse is the target. */
  public Optional<String> langfuseTraceUrl(String traceId) {
    return settings.langfuse().map(c -> c.host() + "/trace/" + traceId);
  }

  public ExportStats exportStats() {
    return new ExportStats(
        spanProcessor.map(BoundedBatchSpanProcessor::exported).orElse(0L),
        spanProcessor.map(BoundedBatchSpanProcessor::droppedQueueFull).orElse(0L),
        spanProcessor.map(BoundedBatchSpanProcessor::failedExport).orElse(0L),
        scores.sent(), scores.droppedQueueFull(), scores.failed());
  }

  /** Exports queued spans and scores, waiting at most {@code timeout}; true when everything was handed over. */
  public boolean flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean spans = sdk.getSdkTracerProvider().forceFlush().join(timeout.toNanos(), TimeUnit.NANOSECONDS).isSuccess();
    boolean scored = scores.flush(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    sdk.getSdkMeterProvider().forceFlush().join(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    return spans && scored;
  }

  /** Flushes spans, scores and metrics within {@link TelemetrySettings#shutdownDeadline()}, then stops. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    long deadline = System.nanoTime() + settings.shutdownDeadline().toNanos();
    sdk.getSdkTracerProvider().shutdown().join(settings.shutdownDeadline().toNanos(), TimeUnit.NANOSECONDS);
    scoreSink.ifPresent(s -> s.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
    sdk.getSdkMeterProvider().shutdown().join(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    http.close();
  }

  private SdkTracerProvider tracerProvider(TelemetrySettings s, Resource resource) {
    SdkTracerProviderBuilder builder = SdkTracerProvider.builder()
        .setResource(resource)
        .setSpanLimits(SpanLimits.builder()
            .setMaxAttributeValueLength(Math.max(s.maxContentChars() + 64, 4_096))
            .build())
        .addSpanProcessor(new TraceAttributesProcessor());
    spanProcessor.ifPresent(builder::addSpanProcessor);
    return builder.build();
  }

  private static SdkMeterProvider meterProvider(TelemetrySettings s, Resource resource, MetricReader override) {
    SdkMeterProviderBuilder builder = SdkMeterProvider.builder().setResource(resource);
    if (override != null) {
      builder.registerMetricReader(override);
    } else if (s.metricsEndpoint().isPresent()) {
      OtlpHttpMetricExporterBuilder exporter = OtlpHttpMetricExporter.builder()
          .setEndpoint(s.metricsEndpoint().get()).setTimeout(s.exportTimeout())
          .setRetryPolicy(retryPolicy());
      s.metricsHeaders().forEach(exporter::addHeader);
      builder.registerMetricReader(PeriodicMetricReader.builder(exporter.build())
          .setInterval(s.metricsInterval()).build());
    }
    return builder.build();
  }

  private static Optional<SpanExporter> spanExporter(TelemetrySettings s) {
    OtlpHttpSpanExporterBuilder b = OtlpHttpSpanExporter.builder()
        .setTimeout(s.exportTimeout())
        .setConnectTimeout(s.exportTimeout())
        .setCompression("gzip")
        .setRetryPolicy(retryPolicy());
    return switch (s.target()) {
      case ExportTarget.None none -> Optional.empty();
      case ExportTarget.Langfuse l -> Optional.of(b.setEndpoint(l.credentials().otlpTracesEndpoint())
          .addHeader("Authorization", l.credentials().basicAuthorization())
          .addHeader("x-langfuse-ingestion-version", "4")
          .build());
      case ExportTarget.Otlp o -> {
        o.headers().forEach(b::addHeader);
        yield Optional.of(b.setEndpoint(o.tracesEndpoint()).build());
      }
    };
  }

  /** One retry on 429/502/503/504: the queue, not the exporter, absorbs outages. */
  private static RetryPolicy retryPolicy() {
    return RetryPolicy.builder().setMaxAttempts(2).setInitialBackoff(Duration.ofMillis(500))
        .setMaxBackoff(Duration.ofSeconds(2)).build();
  }

  private static Resource resource(TelemetrySettings s) {
    AttributesBuilder attributes = Attributes.builder()
        .put(AttributeKey.stringKey("service.name"), s.serviceName());
    if (!s.serviceVersion().isEmpty()) {
      attributes.put(AttributeKey.stringKey("service.version"), s.serviceVersion());
    }
    if (!s.environment().isEmpty()) {
      attributes.put(AttributeKey.stringKey("deployment.environment.name"), s.environment());
    }
    return Resource.getDefault().merge(Resource.create(attributes.build()));
  }

  private String version() {
    return settings.serviceVersion().isEmpty() ? "dev" : settings.serviceVersion();
  }

  /**
   * The OkHttp client of the Langfuse client and the doctor, built on first use: without Langfuse a
   * serving process never needs it, and OkHttp with Kotlin's runtime costs start-up time.
   */
  private static final class LazyHttp implements java.util.function.Supplier<OkHttpClient> {
    private final Duration timeout;
    private OkHttpClient client;

    LazyHttp(Duration timeout) {
      this.timeout = timeout;
    }

    @Override
    public synchronized OkHttpClient get() {
      if (client == null) {
        client = new OkHttpClient.Builder().callTimeout(timeout).connectTimeout(timeout).build();
      }
      return client;
    }

    synchronized void close() {
      if (client != null) {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
      }
    }
  }

  /** Optional overrides, mainly for tests: a span exporter instead of the resolved target, a metric reader. */
  public static final class Builder {
    private final TelemetrySettings settings;
    private SpanExporter spanExporter;
    private MetricReader metricReader;
    private Redactor redactor;

    private Builder(TelemetrySettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings is null");
    }

    /** Exports spans here (still redacted and batched) instead of the settings' target. */
    public Builder spanExporter(SpanExporter exporter) { spanExporter = exporter; return this; }

    /** Reads metrics with this reader instead of the OTLP metrics exporter. */
    public Builder metricReader(MetricReader reader) { metricReader = reader; return this; }

    /**
     * Redacts with this redactor (the server's one, which knows every configured secret) instead of one made
     * of the settings' secret values and patterns.
     */
    public Builder redactor(Redactor value) { redactor = value; return this; }

    public Telemetry build() {
      return new Telemetry(settings, spanExporter, metricReader, redactor != null ? redactor
          : Redactor.of(settings.secretValues(), settings.secretPatterns()));
    }
  }
}
