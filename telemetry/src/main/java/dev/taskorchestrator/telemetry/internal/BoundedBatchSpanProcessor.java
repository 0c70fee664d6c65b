package dev.taskorchestrator.telemetry.internal;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch span processor that never blocks the thread ending a span: a bounded queue (new spans
 * are dropped and counted when it is full) drained by one daemon thread that exports in batches.
 * Written instead of OTel's {@code BatchSpanProcessor} because that one hides its drop count behind
 * its own metrics; here drops (queue full) and failed exports are plain counters.
 */
public final class BoundedBatchSpanProcessor implements SpanProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(BoundedBatchSpanProcessor.class);

  private final SpanExporter exporter;
  private final long exportTimeoutNanos;
  private final BatchWorker<ReadableSpan> worker;
  private final AtomicLong failedExport = new AtomicLong();
  private final AtomicLong exported = new AtomicLong();

  public BoundedBatchSpanProcessor(
      SpanExporter exporter, int capacity, int batchSize, Duration scheduleDelay, Duration exportTimeout) {
    this.exporter = exporter;
    this.exportTimeoutNanos = exportTimeout.toNanos();
    this.worker = new BatchWorker<>("telemetry-span-export", capacity, batchSize, scheduleDelay, this::export);
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    if (span.getSpanContext().isSampled()) {
      worker.offer(span);
    }
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  /** Exports everything queued so far; the result completes when it has been handed to the exporter. */
  @Override
  public CompletableResultCode forceFlush() {
    return worker.flush();
  }

  /** Flushes what is queued, stops the worker and shuts the exporter down. */
  @Override
  public CompletableResultCode shutdown() {
    CompletableResultCode result = new CompletableResultCode();
    worker.shutdown().whenComplete(() -> exporter.shutdown().whenComplete(result::succeed));
    return result;
  }

  public long droppedQueueFull() {
    return worker.dropped();
  }

  public long failedExport() {
    return failedExport.get();
  }

  public long exported() {
    return exported.get();
  }

  private void export(List<ReadableSpan> batch) {
    List<SpanData> data = new ArrayList<>(batch.size());
    for (ReadableSpan span : batch) {
      data.add(span.toSpanData());
    }
    try {
      CompletableResultCode result = exporter.export(data);
      result.join(exportTimeoutNanos, TimeUnit.NANOSECONDS);
      if (result.isSuccess()) {
        exported.addAndGet(data.size());
      } else {
        failedExport.addAndGet(data.size());
      }
    } catch (RuntimeException e) {
      failedExport.addAndGet(data.size());
      LOG.warn("Span export failed: {}", e.getClass().getSimpleName());
    }
  }
}
