package dev.taskorchestrator.telemetry.internal;

import com.langfuse.client.LangfuseClient;
import com.langfuse.client.resources.commons.types.CreateScoreValue;
import com.langfuse.client.resources.commons.types.ScoreDataType;
import com.langfuse.client.resources.score.types.CreateScoreRequest;
import dev.taskorchestrator.redaction.Redactor;
import dev.taskorchestrator.telemetry.Score;
import dev.taskorchestrator.telemetry.Scores;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores to Langfuse through the Langfuse Java client ({@code POST /api/public/scores}, one request
 * per score: Langfuse has no batch endpoint for scores besides the deprecated ingestion API): a
 * bounded queue drained in batches by one daemon thread, batched like spans (a full batch or the
 * schedule delay), so that under load the requests go out in bursts instead of competing with every
 * spawn for the CPU. The client's OkHttp carries no retry interceptor (we pass our own client), so a
 * failed score is counted, not retried: scores are best-effort and must not pile up. Comments are
 * redacted like span attributes.
 */
public final class LangfuseScoreSink implements Scores, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LangfuseScoreSink.class);

  private final LangfuseClient client;
  private final Redactor redactor;
  private final BatchWorker<Score> worker;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  public LangfuseScoreSink(LangfuseClient client, Redactor redactor, int capacity, int batchSize, Duration linger) {
    this.client = client;
    this.redactor = redactor;
    this.worker = new BatchWorker<>("telemetry-score-export", capacity, batchSize, linger,
        batch -> batch.forEach(this::send));
  }

  @Override
  public boolean submit(Score score) {
    return worker.offer(score);
  }

  @Override
  public boolean flush(Duration timeout) {
    return worker.flush().join(timeout.toNanos(), TimeUnit.NANOSECONDS).isSuccess();
  }

  @Override
  public long sent() {
    return sent.get();
  }

  @Override
  public long droppedQueueFull() {
    return worker.dropped();
  }

  @Override
  public long failed() {
    return failed.get();
  }

  /** Flushes for up to {@code deadline}, then stops the worker. */
  public void close(Duration deadline) {
    worker.shutdown().join(deadline.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
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
