package dev.taskorchestrator.telemetry;

import java.util.Map;
import java.util.Objects;

/** Where finished spans go. Resolved by {@link TelemetrySettings#resolve}. */
public sealed interface ExportTarget {

  /** Nothing leaves the process; spans (and their ids) are still created. */
  record None() implements ExportTarget {}

  /** Langfuse's OTLP endpoint, Basic auth and {@code x-langfuse-ingestion-version: 4}. */
  record Langfuse(LangfuseCredentials credentials) implements ExportTarget {
    public Langfuse {
      Objects.requireNonNull(credentials, "credentials is null");
    }
  }

  /**
   * Any OTLP/HTTP (protobuf) collector.
   *
   * @param tracesEndpoint the full URL spans are posted to (ends in {@code /v1/traces} unless given verbatim)
   * @param headers extra request headers; values are treated as secrets and never printed
   */
  record Otlp(String tracesEndpoint, Map<String, String> headers) implements ExportTarget {
    public Otlp {
      Objects.requireNonNull(tracesEndpoint, "tracesEndpoint is null");
      headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
      return "Otlp[tracesEndpoint=" + tracesEndpoint + ", headers=" + headers.keySet() + "]";
    }
  }

  /** A short description for logs and the doctor; never contains a secret. */
  default String describe() {
    return switch (this) {
      case None n -> "no export (spans stay in process)";
      case Langfuse l -> "Langfuse at " + l.credentials().host();
      case Otlp o -> "OTLP endpoint " + o.tracesEndpoint();
    };
  }
}
