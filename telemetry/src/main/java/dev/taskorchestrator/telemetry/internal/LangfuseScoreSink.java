package dev.taskorchestrator.telemetry.internal;

import com.langfuse.client.LangfuseClient;
import com.langfuse.client.resources.commons.types.CreateScoreValue;
import com.langfuse.client.resources.commons.types.ScoreDataType;
import com.langfuse.client.resources.score.types.CreateScoreRequest;
import dev.taskorchestrator.telemetry.Redactor;
import dev.taskorchestrator.telemetry.Score;
import dev.taskorchestrator.telemetry.Scores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores to Langfuse through the Langfuse Java client: a bounded queue drained in batches by one
 * daemon thread. The client's OkHttp carries no retry interceptor (we pass our own client), so a
 * failed score is counted, not retried: scores are best-effort and must not pile up. Comments are
 * redacted like span attributes.
 */
public final class LangfuseScoreSink implements Scores, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LangfuseScoreSink.class);
  private static final int BATCH = 64;

  private final LangfuseClient client;
  private final Redactor redactor;
  private final ArrayBlockingQueue<Score> queue;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final Thread worker;
  private volatile boolean closed;

  public LangfuseScoreSink(LangfuseClient client, Redactor redactor, int capacity) {
    this.client = client;
    this.redactor = redactor;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.worker = Thread.ofPlatform().daemon().name("telemetry-score-export").unstarted(this::run);
    worker.start();
  }

  @Override
  public boolean submit(Score score) {
    if (closed || !queue.offer(score)) {
      dropped.incrementAndGet();
      return false;
    }
    accepted.incrementAndGet();
    return true;
  }

  @Override
  public boolean flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (sent.get() + failed.get() < accepted.get()) {
      if (System.nanoTime() >= deadline || !worker.isAlive()) {
        return false;
      }
      // A short park, not a timed sleep in tests: flush is only called at shutdown and by tests.
      java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
    }
    return true;
  }

  @Override
  public long sent() {
    return sent.get();
  }

  @Override
  public long droppedQueueFull() {
    return dropped.get();
  }

  @Override
  public long failed() {
    return failed.get();
  }

  /** Flushes for up to {@code deadline}, then stops the worker. */
  public void close(Duration deadline) {
    flush(deadline);
    closed = true;
    worker.interrupt();
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  private void run() {
    List<Score> batch = new ArrayList<>(BATCH);
    while (!closed) {
      try {
        Score first = queue.poll(1, TimeUnit.SECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        batch.forEach(this::send);
        batch.clear();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void send(Score score) {
    try {
      CreateScoreRequest request = CreateScoreRequest.builder()
          .name(score.name())
          .value(CreateScoreValue.of(score.value()))
          .traceId(score.traceId())
          .observationId(score.observationId())
          .dataType(score.kind() == Score.Kind.BOOLEAN ? ScoreDataType.BOOLEAN : ScoreDataType.NUMERIC)
          .comment(score.comment().isEmpty() ? Optional.empty() : Optional.of(redactor.redact(score.comment())))
          .build();
      client.score().create(request);
      sent.incrementAndGet();
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      // The client's exception text may echo the request; log only the type.
      LOG.warn("Langfuse score {} not delivered: {}", score.name(), e.getClass().getSimpleName());
    }
  }
}
