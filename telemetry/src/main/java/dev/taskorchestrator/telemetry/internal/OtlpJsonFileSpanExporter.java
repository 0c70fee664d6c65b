package dev.taskorchestrator.telemetry.internal;

import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends spans to a file as OTLP/JSON lines: each batch is one line holding an {@code
 * ExportTraceServiceRequest} in the OTLP JSON encoding, the format of the OpenTelemetry Collector's file
 * exporter (its {@code otlpjsonfile} receiver reads it back). The encoding is the OTLP exporters' own
 * marshaler, so the file holds exactly what an OTLP/HTTP JSON export would send.
 */
public final class OtlpJsonFileSpanExporter implements SpanExporter {

  private static final Logger log = LoggerFactory.getLogger(OtlpJsonFileSpanExporter.class);

  private final Path file;
  private OutputStream out;
  private boolean warned;

  public OtlpJsonFileSpanExporter(Path file) {
    this.file = file;
  }

  @Override
  public synchronized CompletableResultCode export(Collection<SpanData> spans) {
    if (spans.isEmpty()) {
      return CompletableResultCode.ofSuccess();
    }
    try {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      TraceRequestMarshaler.create(spans).writeJsonTo(line);
      line.write('\n');
      stream().write(line.toByteArray());
      out.flush();
      return CompletableResultCode.ofSuccess();
    } catch (IOException e) {
      if (!warned) {
        warned = true; // once: a full disk must not fill the log as well
        log.warn("cannot write spans to {}: {}", file, e.getMessage());
      }
      return CompletableResultCode.ofFailure();
    }
  }

  private OutputStream stream() throws IOException {
    if (out == null) {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    return out;
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public synchronized CompletableResultCode shutdown() {
    try {
      if (out != null) {
        out.close();
      }
      return CompletableResultCode.ofSuccess();
    } catch (IOException e) {
      return CompletableResultCode.ofFailure();
    } finally {
      out = null;
    }
  }
}
