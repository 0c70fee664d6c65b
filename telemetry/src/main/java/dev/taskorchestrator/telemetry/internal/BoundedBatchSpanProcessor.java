package dev.taskorchestrator.telemetry.internal;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
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
  private final int capacity;
  private final int batchSize;
  private final long scheduleDelayNanos;
  private final long exportTimeoutNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final ArrayDeque<ReadableSpan> queue;
  private final List<CompletableResultCode> pendingFlushes = new ArrayList<>();
  private final AtomicLong droppedQueueFull = new AtomicLong();
  private final AtomicLong failedExport = new AtomicLong();
  private final AtomicLong exported = new AtomicLong();
  private final Thread worker;
  private volatile boolean shutdown;

  public BoundedBatchSpanProcessor(
      SpanExporter exporter, int capacity, int batchSize, Duration scheduleDelay, Duration exportTimeout) {
    this.exporter = exporter;
    this.capacity = capacity;
    this.batchSize = Math.min(batchSize, capacity);
    this.scheduleDelayNanos = scheduleDelay.toNanos();
    this.exportTimeoutNanos = exportTimeout.toNanos();
    this.queue = new ArrayDeque<>(Math.min(capacity, 4_096));
    this.worker = Thread.ofPlatform().daemon().name("telemetry-span-export").unstarted(this::run);
    worker.start();
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    if (!span.getSpanContext().isSampled()) {
      return;
    }
    lock.lock();
    try {
      if (shutdown || queue.size() >= capacity) {
        droppedQueueFull.incrementAndGet();
        return;
      }
      queue.addLast(span);
      if (queue.size() == batchSize) {
        wake.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  /** Exports everything queued so far; the result completes when it has been handed to the exporter. */
  @Override
  public CompletableResultCode forceFlush() {
    CompletableResultCode result = new CompletableResultCode();
    lock.lock();
    try {
      if (!worker.isAlive()) {
        return result.succeed();
      }
      pendingFlushes.add(result);
      wake.signal();
    } finally {
      lock.unlock();
    }
    return result;
  }

  /** Flushes what is queued, stops the worker and shuts the exporter down. */
  @Override
  public CompletableResultCode shutdown() {
    CompletableResultCode flushed = forceFlush();
    CompletableResultCode result = new CompletableResultCode();
    flushed.whenComplete(() -> {
      shutdown = true;
      lock.lock();
      try {
        wake.signal();
      } finally {
        lock.unlock();
      }
      exporter.shutdown().whenComplete(result::succeed);
    });
    return result;
  }

  public long droppedQueueFull() {
    return droppedQueueFull.get();
  }

  public long failedExport() {
    return failedExport.get();
  }

  public long exported() {
    return exported.get();
  }

  private void run() {
    List<ReadableSpan> batch = new ArrayList<>(batchSize);
    while (!shutdown) {
      List<CompletableResultCode> flushes = awaitBatch(batch);
      if (!batch.isEmpty()) {
        export(batch);
        batch.clear();
      }
      flushes.forEach(CompletableResultCode::succeed);
    }
  }

  /** Waits for a full batch, the schedule delay or a flush; moves spans into {@code batch}. */
  private List<CompletableResultCode> awaitBatch(List<ReadableSpan> batch) {
    lock.lock();
    try {
      long left = scheduleDelayNanos;
      while (queue.size() < batchSize && pendingFlushes.isEmpty() && !shutdown && left > 0) {
        left = wake.awaitNanos(left);
      }
      while (batch.size() < batchSize && !queue.isEmpty()) {
        batch.add(queue.pollFirst());
      }
      if (!queue.isEmpty() || pendingFlushes.isEmpty()) {
        return List.of(); // flush completes once the queue is empty
      }
      List<CompletableResultCode> flushes = List.copyOf(pendingFlushes);
      pendingFlushes.clear();
      return flushes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      shutdown = true;
      return List.of();
    } finally {
      lock.unlock();
    }
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
