package dev.taskorchestrator.telemetry;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Resolved telemetry settings: where spans go and how content is captured. Build with
 * {@link #resolve(Map, TelemetryConfig)} (defaults &lt; file &lt; environment). Secret values are held
 * for redaction and never appear in {@link #toString()}.
 *
 * @param target where spans are exported
 * @param metricsEndpoint full OTLP metrics URL, empty when metrics stay in process (Langfuse takes no metrics)
 * @param metricsHeaders headers for the metrics endpoint
 * @param captureContent record prompts, outputs, tool arguments and results
 * @param maxContentChars cap on each recorded content attribute
 * @param secretPatterns extra regular expressions whose matches are redacted
 * @param secretValues literal secret values (keys, tokens) that are redacted wherever they appear
 * @param queueSize spans held for export; beyond it new spans are dropped and counted
 * @param maxExportBatchSize spans per export request
 * @param scheduleDelay how long the exporter waits to fill a batch
 * @param exportTimeout per export request
 * @param shutdownDeadline how long close() may spend flushing
 * @param metricsInterval metric export period
 * @param serviceName OTel service.name
 * @param serviceVersion OTel service.version (empty = unset)
 * @param environment Langfuse environment (empty = unset)
 */
public record TelemetrySettings(
    ExportTarget target,
    Optional<String> metricsEndpoint,
    Map<String, String> metricsHeaders,
    boolean captureContent,
    int maxContentChars,
    List<String> secretPatterns,
    List<String> secretValues,
    int queueSize,
    int maxExportBatchSize,
    Duration scheduleDelay,
    Duration exportTimeout,
    Duration shutdownDeadline,
    Duration metricsInterval,
    String serviceName,
    String serviceVersion,
    String environment) {

  public static final int DEFAULT_MAX_CONTENT_CHARS = 8_000;
  public static final int DEFAULT_QUEUE_SIZE = 2_048;
  public static final Duration DEFAULT_EXPORT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_SHUTDOWN_DEADLINE = Duration.ofSeconds(5);
  public static final Duration DEFAULT_METRICS_INTERVAL = Duration.ofSeconds(60);
  public static final String DEFAULT_SERVICE_NAME = "task-orchestrator";

  private static final int MIN_SECRET_LENGTH = 8;

  public TelemetrySettings {
    Objects.requireNonNull(target, "target is null");
    Objects.requireNonNull(metricsEndpoint, "metricsEndpoint is null");
    metricsHeaders = Map.copyOf(metricsHeaders);
    secretPatterns = List.copyOf(secretPatterns);
    secretValues = List.copyOf(secretValues);
    requirePositive("telemetry.max-content-chars", maxContentChars);
    requirePositive("telemetry.queue-size", queueSize);
    requirePositive("maxExportBatchSize", maxExportBatchSize);
    requirePositive("telemetry.export-timeout", exportTimeout);
    requirePositive("telemetry.shutdown-deadline", shutdownDeadline);
    requirePositive("scheduleDelay", scheduleDelay);
    requirePositive("telemetry.metrics-interval", metricsInterval);
    Objects.requireNonNull(serviceName, "serviceName is null");
    Objects.requireNonNull(serviceVersion, "serviceVersion is null");
    Objects.requireNonNull(environment, "environment is null");
    for (String p : secretPatterns) {
      try {
        Pattern.compile(p);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "telemetry.secret-patterns: '" + p + "' is not a valid regular expression: " + e.getDescription());
      }
    }
  }

  /** Telemetry that exports nothing, captures content and uses every default. */
  public static TelemetrySettings disabled() {
    return resolve(Map.of(), TelemetryConfig.builder().enabled(false).build());
  }

  /**
   * Resolves settings from the environment (e.g. {@code System.getenv()}) and the file block.
   * With {@code LANGFUSE_PUBLIC_KEY} + {@code LANGFUSE_SECRET_KEY} (env or file) spans go to Langfuse;
   * otherwise to {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (verbatim) or
   * {@code OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces, or the file's OTLP endpoint; otherwise nowhere.
   *
   * @throws IllegalArgumentException naming the key and value when a setting is invalid
   */
  public static TelemetrySettings resolve(Map<String, String> env, TelemetryConfig file) {
    Objects.requireNonNull(env, "env is null");
    Objects.requireNonNull(file, "file is null");
    boolean enabled = !Boolean.FALSE.equals(file.enabled())
        && !"true".equalsIgnoreCase(env.getOrDefault("OTEL_SDK_DISABLED", "false"));
    ExportTarget target = enabled ? resolveTarget(env, file) : new ExportTarget.None();
    Map<String, String> otlpHeaders = resolveOtlpHeaders(env, file);
    Optional<String> metricsEndpoint = enabled ? resolveMetricsEndpoint(env, file) : Optional.empty();
    boolean capture = Optional.ofNullable(env.get("TASK_ORCHESTRATOR_TELEMETRY_CAPTURE_CONTENT"))
        .map(v -> parseBoolean("TASK_ORCHESTRATOR_TELEMETRY_CAPTURE_CONTENT", v))
        .orElse(Optional.ofNullable(file.captureContent()).orElse(true));
    return new TelemetrySettings(
        target, metricsEndpoint, otlpHeaders, capture,
        Optional.ofNullable(file.maxContentChars()).orElse(DEFAULT_MAX_CONTENT_CHARS),
        Optional.ofNullable(file.secretPatterns()).orElse(List.of()),
        secretValues(env, file, target, otlpHeaders),
        Optional.ofNullable(file.queueSize()).orElse(DEFAULT_QUEUE_SIZE),
        512, Duration.ofSeconds(1),
        Optional.ofNullable(file.exportTimeout()).orElse(DEFAULT_EXPORT_TIMEOUT),
        Optional.ofNullable(file.shutdownDeadline()).orElse(DEFAULT_SHUTDOWN_DEADLINE),
        Optional.ofNullable(file.metricsInterval()).orElse(DEFAULT_METRICS_INTERVAL),
        firstNonBlank(env.get("OTEL_SERVICE_NAME"), file.serviceName()).orElse(DEFAULT_SERVICE_NAME),
        firstNonBlank(file.serviceVersion()).orElse(""),
        firstNonBlank(env.get("LANGFUSE_TRACING_ENVIRONMENT"), file.environment()).orElse(""));
  }

  /** The Langfuse host and keys when spans go to Langfuse (scores and trace reads need them). */
  public Optional<LangfuseCredentials> langfuse() {
    return target instanceof ExportTarget.Langfuse l ? Optional.of(l.credentials()) : Optional.empty();
  }

  /** A copy with a different batching delay (tests and benchmarks). */
  public TelemetrySettings withScheduleDelay(Duration delay) {
    return new TelemetrySettings(target, metricsEndpoint, metricsHeaders, captureContent,
        maxContentChars, secretPatterns, secretValues, queueSize, maxExportBatchSize, delay,
        exportTimeout, shutdownDeadline, metricsInterval, serviceName, serviceVersion, environment);
  }

  private static ExportTarget resolveTarget(Map<String, String> env, TelemetryConfig file) {
    Optional<String> pk = firstNonBlank(env.get("LANGFUSE_PUBLIC_KEY"), file.langfusePublicKey());
    Optional<String> sk = firstNonBlank(env.get("LANGFUSE_SECRET_KEY"), file.langfuseSecretKey());
    if (pk.isPresent() && sk.isPresent()) {
      String host = firstNonBlank(env.get("LANGFUSE_HOST"), env.get("LANGFUSE_BASE_URL"), file.langfuseHost())
          .orElse(LangfuseCredentials.DEFAULT_HOST);
      requireHttpUrl("LANGFUSE_HOST", host);
      return new ExportTarget.Langfuse(new LangfuseCredentials(host, pk.get(), sk.get()));
    }
    Optional<String> verbatim = firstNonBlank(env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
    if (verbatim.isPresent()) {
      requireHttpUrl("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", verbatim.get());
      return new ExportTarget.Otlp(verbatim.get(), resolveOtlpHeaders(env, file));
    }
    Optional<String> envBase = firstNonBlank(env.get("OTEL_EXPORTER_OTLP_ENDPOINT"));
    Optional<String> base = envBase.or(() -> firstNonBlank(file.otlpEndpoint()));
    if (base.isPresent()) {
      requireHttpUrl(envBase.isPresent() ? "OTEL_EXPORTER_OTLP_ENDPOINT" : "telemetry.otlp-endpoint", base.get());
      return new ExportTarget.Otlp(withSignalPath(base.get(), "traces"), resolveOtlpHeaders(env, file));
    }
    return new ExportTarget.None();
  }

  private static Optional<String> resolveMetricsEndpoint(Map<String, String> env, TelemetryConfig file) {
    Optional<String> verbatim = firstNonBlank(env.get("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"), file.otlpMetricsEndpoint());
    if (verbatim.isPresent()) {
      requireHttpUrl("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", verbatim.get());
      return verbatim;
    }
    return firstNonBlank(env.get("OTEL_EXPORTER_OTLP_ENDPOINT"), file.otlpEndpoint())
        .map(base -> withSignalPath(base, "metrics"));
  }

  private static Map<String, String> resolveOtlpHeaders(Map<String, String> env, TelemetryConfig file) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (file.otlpHeaders() != null) {
      headers.putAll(file.otlpHeaders());
    }
    firstNonBlank(env.get("OTEL_EXPORTER_OTLP_HEADERS")).ifPresent(v -> headers.putAll(parseHeaders(v)));
    firstNonBlank(env.get("OTEL_EXPORTER_OTLP_TRACES_HEADERS")).ifPresent(v -> headers.putAll(parseHeaders(v)));
    return headers;
  }

  /** Parses the OTel header list format {@code k1=v1,k2=v2} (values URL-encoded). */
  static Map<String, String> parseHeaders(String spec) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "OTEL_EXPORTER_OTLP_HEADERS: expected key=value pairs separated by commas, got an entry without '='");
      }
      headers.put(part.substring(0, eq).strip(),
          URLDecoder.decode(part.substring(eq + 1).strip(), StandardCharsets.UTF_8));
    }
    return headers;
  }

  private static String withSignalPath(String base, String signal) {
    String trimmed = LangfuseCredentials.stripTrailingSlashes(base.strip());
    return trimmed.endsWith("/v1/" + signal) ? trimmed : trimmed + "/v1/" + signal;
  }

  private static List<String> secretValues(
      Map<String, String> env, TelemetryConfig file, ExportTarget target, Map<String, String> headers) {
    Set<String> values = new LinkedHashSet<>(dev.taskorchestrator.redaction.SecretValues.among(env));
    if (file.langfuseSecretKey() != null && !file.langfuseSecretKey().isBlank()) {
      values.add(file.langfuseSecretKey().strip());
    }
    if (target instanceof ExportTarget.Langfuse l) {
      values.add(l.credentials().secretKey());
      values.add(l.credentials().basicAuthorization().substring("Basic ".length()));
    }
    headers.values().stream().filter(v -> v.length() >= MIN_SECRET_LENGTH).forEach(values::add);
    return new ArrayList<>(values);
  }

  private static Optional<String> firstNonBlank(String... candidates) {
    for (String c : candidates) {
      if (c != null && !c.isBlank()) {
        return Optional.of(c.strip());
      }
    }
    return Optional.empty();
  }

  private static void requireHttpUrl(String key, String value) {
    try {
      URI uri = URI.create(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return;
      }
    } catch (IllegalArgumentException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(key + ": '" + value + "' is not an http(s) URL with a host");
  }

  private static boolean parseBoolean(String key, String value) {
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new IllegalArgumentException(key + ": '" + value + "' is not true or false");
    };
  }

  private static void requirePositive(String key, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(key + ": " + value + " must be a positive number");
    }
  }

  private static void requirePositive(String key, Duration value) {
    Objects.requireNonNull(value, key + " is null");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + ": " + value + " must be a positive duration");
    }
  }

  @Override
  public String toString() {
    return "TelemetrySettings[target=" + target.describe() + ", metricsEndpoint=" + metricsEndpoint.orElse("none")
        + ", captureContent=" + captureContent + ", maxContentChars=" + maxContentChars
        + ", secretPatterns=" + secretPatterns.size() + ", secretValues=" + secretValues.size()
        + ", queueSize=" + queueSize + ", exportTimeout=" + exportTimeout
        + ", shutdownDeadline=" + shutdownDeadline + ", serviceName=" + serviceName + "]";
  }
}
