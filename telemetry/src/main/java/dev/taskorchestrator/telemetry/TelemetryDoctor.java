package dev.taskorchestrator.telemetry;

import com.langfuse.client.LangfuseClient;
import com.langfuse.client.core.LangfuseClientApiException;
import com.langfuse.client.core.LangfuseClientException;
import com.langfuse.client.resources.projects.types.Projects;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Checks that telemetry can leave the process: the Langfuse keys (a cheap authenticated
 * {@code GET /api/public/projects}) and the trace endpoint (an empty OTLP export, which a collector
 * accepts without storing anything). Blocking; for the {@code doctor} command.
 */
public final class TelemetryDoctor {

  private static final MediaType PROTOBUF = MediaType.get("application/x-protobuf");

  private final TelemetrySettings settings;
  private final Optional<LangfuseClient> langfuse;
  private final java.util.function.Supplier<OkHttpClient> http;

  TelemetryDoctor(TelemetrySettings settings, Optional<LangfuseClient> langfuse,
      java.util.function.Supplier<OkHttpClient> http) {
    this.settings = settings;
    this.langfuse = langfuse;
    this.http = http;
  }

  /** Runs every check; never throws for remote failures. */
  public List<DoctorCheck> run() {
    return settings.tracesFile().isEmpty() ? List.of(checkLangfuseKeys(), checkTraceEndpoint())
        : List.of(checkLangfuseKeys(), checkTraceEndpoint(), checkTracesFile(settings.tracesFile().get()));
  }

  DoctorCheck checkLangfuseKeys() {
    String name = "langfuse credentials";
    if (langfuse.isEmpty()) {
      return new DoctorCheck(name, DoctorCheck.Status.SKIPPED,
          "Langfuse is not configured (LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY are not both set).");
    }
    String host = settings.langfuse().orElseThrow().host();
    try {
      Projects projects = langfuse.get().projects().get();
      String project = projects.getData().isEmpty() ? "no project listed" : "project " + projects.getData().get(0).getName();
      return new DoctorCheck(name, DoctorCheck.Status.OK, "Langfuse at " + host + " accepted the keys (" + project + ").");
    } catch (LangfuseClientApiException e) {
      String hint = e.statusCode() == 401 || e.statusCode() == 403
          ? "rejected the keys; check LANGFUSE_PUBLIC_KEY, LANGFUSE_SECRET_KEY and that LANGFUSE_HOST is the project's region."
          : "answered HTTP " + e.statusCode() + ".";
      return new DoctorCheck(name, DoctorCheck.Status.FAIL, "Langfuse at " + host + " " + hint);
    } catch (LangfuseClientException e) {
      return new DoctorCheck(name, DoctorCheck.Status.FAIL, "Cannot reach Langfuse at " + host + " ("
          + e.getClass().getSimpleName() + "); check LANGFUSE_HOST and the network.");
    }
  }

  DoctorCheck checkTracesFile(java.nio.file.Path file) {
    String name = "traces file";
    try {
      java.nio.file.Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        java.nio.file.Files.createDirectories(parent);
      }
      try (var out = java.nio.file.Files.newOutputStream(file, java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND)) {
        return new DoctorCheck(name, DoctorCheck.Status.OK, "spans are appended to " + file
            + " as OTLP/JSON lines (one export request per line).");
      }
    } catch (IOException | SecurityException e) {
      return new DoctorCheck(name, DoctorCheck.Status.FAIL, "cannot write " + file + " (" + e.getMessage()
          + "); fix telemetry.traces-file or the directory's permissions.");
    }
  }

  DoctorCheck checkTraceEndpoint() {
    String name = "trace export endpoint";
    Map<String, String> headers;
    String url;
    switch (settings.target()) {
      case ExportTarget.None none -> {
        return new DoctorCheck(name, DoctorCheck.Status.SKIPPED, settings.tracesFile().isPresent()
            ? "No trace export endpoint: spans go to the traces file only."
            : "No trace export configured: spans stay in this process. Set Langfuse keys or "
                + "OTEL_EXPORTER_OTLP_ENDPOINT, or telemetry.traces-file to write them to a file.");
      }
      case ExportTarget.Langfuse l -> {
        url = l.credentials().otlpTracesEndpoint();
        headers = Map.of("Authorization", l.credentials().basicAuthorization(), "x-langfuse-ingestion-version", "4");
      }
      case ExportTarget.Otlp o -> {
        url = o.tracesEndpoint();
        headers = o.headers();
      }
    }
    Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(new byte[0], PROTOBUF));
    headers.forEach(request::header);
    try (Response response = http.get().newCall(request.build()).execute()) {
      int code = response.code();
      if (code >= 200 && code < 300) {
        return new DoctorCheck(name, DoctorCheck.Status.OK, url + " accepts OTLP traces (HTTP " + code + ").");
      }
      if (code == 401 || code == 403) {
        return new DoctorCheck(name, DoctorCheck.Status.FAIL, url + " is reachable but refused the credentials (HTTP "
            + code + ").");
      }
      return new DoctorCheck(name, DoctorCheck.Status.WARN, url + " is reachable but answered HTTP " + code
          + " to an empty export; check the path (it must end in /v1/traces).");
    } catch (IOException e) {
      return new DoctorCheck(name, DoctorCheck.Status.FAIL, "Cannot reach " + url + " ("
          + e.getClass().getSimpleName() + "); spans will be dropped until it is up.");
    }
  }
}
