package dev.taskorchestrator.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetrySettingsTest {

  @Test
  void langfuseKeysSelectLangfuseWithTheDefaultCloudHost() {
    TelemetrySettings s = TelemetrySettings.resolve(
        Map.of("LANGFUSE_PUBLIC_KEY", "pk-lf-1", "LANGFUSE_SECRET_KEY", "sk-lf-secret-1"), TelemetryConfig.empty());
    assertThat(s.target()).isInstanceOf(ExportTarget.Langfuse.class);
    assertThat(s.langfuse().orElseThrow().otlpTracesEndpoint())
        .isEqualTo("https://cloud.langfuse.com/api/public/otel/v1/traces");
    assertThat(s.metricsEndpoint()).isEmpty();
  }

  @Test
  void langfuseHostWinsOverBaseUrlAndTheFileAndLosesItsTrailingSlash() {
    TelemetrySettings s = TelemetrySettings.resolve(Map.of("LANGFUSE_PUBLIC_KEY", "pk", "LANGFUSE_SECRET_KEY", "sk-x",
            "LANGFUSE_HOST", "http://lf.local:3000/", "LANGFUSE_BASE_URL", "https://other"),
        TelemetryConfig.builder().langfuse("https://from-file", null, null).build());
    assertThat(s.langfuse().orElseThrow().host()).isEqualTo("http://lf.local:3000");
    TelemetrySettings base = TelemetrySettings.resolve(
        Map.of("LANGFUSE_PUBLIC_KEY", "pk", "LANGFUSE_SECRET_KEY", "sk-x", "LANGFUSE_BASE_URL", "https://us.cloud.langfuse.com"),
        TelemetryConfig.empty());
    assertThat(base.langfuse().orElseThrow().host()).isEqualTo("https://us.cloud.langfuse.com");
  }

  @Test
  void fileKeysAreUsedWhenTheEnvironmentHasNone() {
    TelemetrySettings s = TelemetrySettings.resolve(Map.of(),
        TelemetryConfig.builder().langfuse("https://eu.example", "pk-file", "sk-file-secret").build());
    assertThat(s.langfuse().orElseThrow().publicKey()).isEqualTo("pk-file");
    assertThat(s.secretValues()).contains("sk-file-secret");
  }

  @Test
  void otlpBaseEndpointGetsTheSignalPathsAndHeadersAreDecoded() {
    TelemetrySettings s = TelemetrySettings.resolve(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/",
        "OTEL_EXPORTER_OTLP_HEADERS", "api-key=a%2Cb%3Dc, x-team = core"), TelemetryConfig.empty());
    ExportTarget.Otlp otlp = (ExportTarget.Otlp) s.target();
    assertThat(otlp.tracesEndpoint()).isEqualTo("http://collector:4318/v1/traces");
    assertThat(otlp.headers()).containsExactlyInAnyOrderEntriesOf(Map.of("api-key", "a,b=c", "x-team", "core"));
    assertThat(s.metricsEndpoint()).contains("http://collector:4318/v1/metrics");
  }

  @Test
  void tracesEndpointIsUsedVerbatim() {
    TelemetrySettings s = TelemetrySettings.resolve(
        Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://c:4318/custom/path",
            "OTEL_EXPORTER_OTLP_ENDPOINT", "http://ignored:1"), TelemetryConfig.empty());
    assertThat(((ExportTarget.Otlp) s.target()).tracesEndpoint()).isEqualTo("http://c:4318/custom/path");
  }

  @Test
  void fileOtlpEndpointIsUsedWithoutEnvironment() {
    TelemetrySettings s = TelemetrySettings.resolve(Map.of(),
        TelemetryConfig.builder().otlpEndpoint("http://c:4318/v1/traces").otlpHeaders(Map.of("k", "v")).build());
    assertThat(((ExportTarget.Otlp) s.target()).tracesEndpoint()).isEqualTo("http://c:4318/v1/traces");
    assertThat(((ExportTarget.Otlp) s.target()).headers()).containsEntry("k", "v");
  }

  @Test
  void nothingConfiguredMeansNoExport() {
    TelemetrySettings s = TelemetrySettings.resolve(Map.of(), TelemetryConfig.empty());
    assertThat(s.target()).isInstanceOf(ExportTarget.None.class);
    assertThat(s.captureContent()).isTrue();
    assertThat(s.maxContentChars()).isEqualTo(8_000);
    assertThat(s.queueSize()).isEqualTo(2_048);
    assertThat(s.exportTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.serviceName()).isEqualTo("task-orchestrator");
  }

  @Test
  void disabledInFileOrBySdkSwitchTurnsExportOff() {
    Map<String, String> keys = Map.of("LANGFUSE_PUBLIC_KEY", "pk", "LANGFUSE_SECRET_KEY", "sk-1");
    assertThat(TelemetrySettings.resolve(keys, TelemetryConfig.builder().enabled(false).build()).target())
        .isInstanceOf(ExportTarget.None.class);
    Map<String, String> off = new java.util.HashMap<>(keys);
    off.put("OTEL_SDK_DISABLED", "true");
    assertThat(TelemetrySettings.resolve(off, TelemetryConfig.empty()).target()).isInstanceOf(ExportTarget.None.class);
  }

  @Test
  void environmentOverridesCaptureContent() {
    TelemetrySettings s = TelemetrySettings.resolve(Map.of("TASK_ORCHESTRATOR_TELEMETRY_CAPTURE_CONTENT", "false"),
        TelemetryConfig.builder().captureContent(true).build());
    assertThat(s.captureContent()).isFalse();
  }

  @Test
  void secretsNeverAppearInToString() {
    TelemetrySettings s = TelemetrySettings.resolve(Map.of("LANGFUSE_PUBLIC_KEY", "pk-lf-1",
        "LANGFUSE_SECRET_KEY", "sk-lf-topsecret", "OPENAI_API_KEY", "sk-openai-topsecret"), TelemetryConfig.empty());
    assertThat(s.toString()).doesNotContain("topsecret");
    assertThat(s.target().toString()).doesNotContain("topsecret");
    assertThat(TelemetryConfig.builder().langfuse("h", "p", "sk-file-topsecret").build().toString())
        .doesNotContain("topsecret");
    assertThat(s.secretValues()).contains("sk-lf-topsecret", "sk-openai-topsecret");
  }

  @Test
  void invalidValuesFailWithTheKeyAndValue() {
    assertThatThrownBy(() -> TelemetrySettings.resolve(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318"),
        TelemetryConfig.empty())).hasMessage("OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' is not an http(s) URL with a host");
    assertThatThrownBy(() -> TelemetrySettings.resolve(Map.of(), TelemetryConfig.builder().maxContentChars(0).build()))
        .hasMessageContaining("telemetry.max-content-chars: 0");
    assertThatThrownBy(() -> TelemetrySettings.resolve(Map.of(),
        TelemetryConfig.builder().secretPatterns(List.of("([unclosed")).build()))
        .hasMessageContaining("telemetry.secret-patterns");
    assertThatThrownBy(() -> TelemetrySettings.resolve(
        Map.of("TASK_ORCHESTRATOR_TELEMETRY_CAPTURE_CONTENT", "maybe"), TelemetryConfig.empty()))
        .hasMessageContaining("'maybe' is not true or false");
  }
}
