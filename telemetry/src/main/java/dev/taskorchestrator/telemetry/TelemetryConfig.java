package dev.taskorchestrator.telemetry;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code telemetry:} block of the configuration file, as bound by the server. Every field is
 * optional ({@code null} = not set); {@link TelemetrySettings#resolve} applies defaults and lets the
 * environment override it. The secret key never appears in {@link #toString()}.
 *
 * @param enabled false turns every export off (spans and ids still exist in process)
 * @param langfuseHost Langfuse base URL
 * @param langfusePublicKey Langfuse public key
 * @param langfuseSecretKey Langfuse secret key
 * @param otlpEndpoint OTLP base URL ({@code /v1/traces} is appended unless present)
 * @param otlpHeaders extra OTLP request headers
 * @param otlpMetricsEndpoint full OTLP metrics URL (defaults from the OTLP base)
 * @param captureContent record prompts and outputs (default true)
 * @param maxContentChars cap on each recorded prompt/output (default 8,000)
 * @param secretPatterns extra regular expressions whose matches are redacted
 * @param queueSize spans held for export before new ones are dropped (default 2,048)
 * @param exportTimeout per export request (default 5 s)
 * @param shutdownDeadline how long close() may spend flushing (default 5 s)
 * @param metricsInterval how often metrics are exported (default 60 s)
 * @param serviceName OTel service.name (default task-orchestrator)
 * @param serviceVersion OTel service.version
 * @param environment Langfuse environment (deployment.environment.name)
 * @param tracesFile a file that every span is also appended to, as OTLP/JSON lines (one export request per
 *     line, the OpenTelemetry Collector's file format): traces to look at with no collector or account
 */
public record TelemetryConfig(
    Boolean enabled,
    String langfuseHost,
    String langfusePublicKey,
    String langfuseSecretKey,
    String otlpEndpoint,
    Map<String, String> otlpHeaders,
    String otlpMetricsEndpoint,
    Boolean captureContent,
    Integer maxContentChars,
    List<String> secretPatterns,
    Integer queueSize,
    Duration exportTimeout,
    Duration shutdownDeadline,
    Duration metricsInterval,
    String serviceName,
    String serviceVersion,
    String environment,
    String tracesFile) {

  /** No file settings at all. */
  public static TelemetryConfig empty() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return "TelemetryConfig[enabled=" + enabled + ", langfuseHost=" + langfuseHost
        + ", langfusePublicKey=" + langfusePublicKey
        + ", langfuseSecretKey=" + (langfuseSecretKey == null ? null : "***")
        + ", otlpEndpoint=" + otlpEndpoint
        + ", otlpHeaders=" + (otlpHeaders == null ? null : otlpHeaders.keySet())
        + ", captureContent=" + captureContent + ", maxContentChars=" + maxContentChars
        + ", queueSize=" + queueSize + ", serviceName=" + serviceName + ", tracesFile=" + tracesFile + "]";
  }

  /** Builder for tests and programmatic setups; unset fields stay null. */
  public static final class Builder {
    private Boolean enabled;
    private String langfuseHost;
    private String langfusePublicKey;
    private String langfuseSecretKey;
    private String otlpEndpoint;
    private Map<String, String> otlpHeaders;
    private String otlpMetricsEndpoint;
    private Boolean captureContent;
    private Integer maxContentChars;
    private List<String> secretPatterns;
    private Integer queueSize;
    private Duration exportTimeout;
    private Duration shutdownDeadline;
    private Duration metricsInterval;
    private String serviceName;
    private String serviceVersion;
    private String environment;
    private String tracesFile;

    private Builder() {}

    public Builder enabled(boolean v) { enabled = v; return this; }
    public Builder langfuse(String host, String publicKey, String secretKey) {
      langfuseHost = host; langfusePublicKey = publicKey; langfuseSecretKey = secretKey; return this;
    }
    public Builder otlpEndpoint(String v) { otlpEndpoint = v; return this; }
    public Builder otlpHeaders(Map<String, String> v) { otlpHeaders = v; return this; }
    public Builder otlpMetricsEndpoint(String v) { otlpMetricsEndpoint = v; return this; }
    public Builder captureContent(boolean v) { captureContent = v; return this; }
    public Builder maxContentChars(int v) { maxContentChars = v; return this; }
    public Builder secretPatterns(List<String> v) { secretPatterns = v; return this; }
    public Builder queueSize(int v) { queueSize = v; return this; }
    public Builder exportTimeout(Duration v) { exportTimeout = v; return this; }
    public Builder shutdownDeadline(Duration v) { shutdownDeadline = v; return this; }
    public Builder metricsInterval(Duration v) { metricsInterval = v; return this; }
    public Builder serviceName(String v) { serviceName = v; return this; }
    public Builder serviceVersion(String v) { serviceVersion = v; return this; }
    public Builder environment(String v) { environment = v; return this; }
    public Builder tracesFile(String v) { tracesFile = v; return this; }

    public TelemetryConfig build() {
      return new TelemetryConfig(enabled, langfuseHost, langfusePublicKey, langfuseSecretKey,
          otlpEndpoint, otlpHeaders, otlpMetricsEndpoint, captureContent, maxContentChars,
          secretPatterns, queueSize, exportTimeout, shutdownDeadline, metricsInterval,
          serviceName, serviceVersion, environment, tracesFile);
    }
  }
}
