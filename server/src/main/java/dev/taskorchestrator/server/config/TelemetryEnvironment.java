package dev.taskorchestrator.server.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The environment variables telemetry reads (the ecosystem's own names), as one map for its settings. */
public final class TelemetryEnvironment {

  /** Every variable {@code TelemetrySettings.resolve} looks at. */
  public static final List<String> NAMES = List.of("LANGFUSE_PUBLIC_KEY", "LANGFUSE_SECRET_KEY", "LANGFUSE_HOST",
      "LANGFUSE_BASE_URL", "LANGFUSE_TRACING_ENVIRONMENT", "OTEL_SDK_DISABLED", "OTEL_SERVICE_NAME",
      "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
      "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "TASK_ORCHESTRATOR_TELEMETRY_CAPTURE_CONTENT");

  private TelemetryEnvironment() {}

  /** The variables of {@link #NAMES} that are set. */
  public static Map<String, String> variables(Function<String, String> env) {
    Map<String, String> out = new HashMap<>();
    for (String name : NAMES) {
      String value = env.apply(name);
      if (value != null) {
        out.put(name, value);
      }
    }
    return out;
  }
}
