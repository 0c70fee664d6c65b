package dev.taskorchestrator.telemetry.internal;

import io.opentelemetry.sdk.common.CompletableResultCode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A bounded queue drained in batches by one daemon thread. {@link #offer} never blocks: when the
 * queue is full the item is dropped and counted. The worker hands a batch over when it is full, when
 * the oldest queued item has waited {@code linger}, or when a flush asks; waiting for the linger keeps
 * export work out of the way of a busy request path, in a few bursts instead of one wake-up per item.
 */
final class BatchWorker<T> {

  private final int capacity;
  private final int batchSize;
  private final long lingerNanos;
  private final Consumer<List<T>> export;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final ArrayDeque<T> queue;
  private final List<CompletableResultCode> pendingFlushes = new ArrayList<>();
  private final AtomicLong dropped = new AtomicLong();
  private final Thread worker;
  private volatile boolean shutdown;

  BatchWorker(String threadName, int capacity, int batchSize, Duration linger, Consumer<List<T>> export) {
    this.capacity = capacity;
    this.batchSize = Math.min(batchSize, capacity);
    this.lingerNanos = linger.toNanos();
    this.export = export;
    this.queue = new ArrayDeque<>(Math.min(capacity, 4_096));
    this.worker = Thread.ofPlatform().daemon().name(threadName).unstarted(this::run);
    worker.start();
  }

  /** Queues the item; false (and counted as dropped) when the queue is full or the worker stopped. */
  boolean offer(T item) {
    lock.lock();
    try {
      if (shutdown || queue.size() >= capacity) {
        dropped.incrementAndGet();
        return false;
      }
      queue.addLast(item);
      // The first item starts the linger clock of an idle worker; a full batch ends it.
      if (queue.size() == 1 || queue.size() == batchSize) {
        wake.signal();
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Completes once everything queued so far has been handed to the export function. */
  CompletableResultCode flush() {
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

  /** Flushes, then stops the worker; the result completes when the worker has stopped taking items. */
  CompletableResultCode shutdown() {
    CompletableResultCode result = new CompletableResultCode();
    flush().whenComplete(() -> {
      lock.lock();
      try {
        shutdown = true;
        wake.signal();
      } finally {
        lock.unlock();
      }
      result.succeed();
    });
    return result;
  }

  long dropped() {
    return dropped.get();
  }

  private void run() {
    List<T> batch = new ArrayList<>(batchSize);
    while (!shutdown) {
      List<CompletableResultCode> flushes = awaitBatch(batch);
      if (!batch.isEmpty()) {
        export.accept(batch);
        batch.clear();
      }
      flushes.forEach(CompletableResultCode::succeed);
    }
  }

  /** Waits for a full batch, the linger of the oldest item or a flush; moves items into {@code batch}. */
  private List<CompletableResultCode> awaitBatch(List<T> batch) {
    lock.lock();
    try {
      while (queue.isEmpty() && pendingFlushes.isEmpty() && !shutdown) {
        wake.await();
      }
      long left = lingerNanos;
      while (queue.size() < batchSize && pendingFlushes.isEmpty() && !shutdown && left > 0) {
        left = wake.awaitNanos(left);
      }
      while (batch.size() < batchSize && !queue.isEmpty()) {
        batch.add(queue.pollFirst());
      }
      if (!queue.isEmpty() || pendingFlushes.isEmpty()) {
        return List.of(); // a flush completes once the queue is empty
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
}
