package dev.taskorchestrator.telemetry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchWorkerTest {

  private static final Duration NEVER = Duration.ofHours(1);

  private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();

  @Test
  void handsOverAFullBatchWithoutWaitingForTheLinger() throws Exception {
    CountDownLatch exported = new CountDownLatch(1);
    BatchWorker<Integer> worker = new BatchWorker<>("test-export", 100, 3, NEVER, batch -> {
      batches.add(List.copyOf(batch));
      exported.countDown();
    });
    worker.offer(1);
    worker.offer(2);
    worker.offer(3);
    assertThat(exported.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(batches).containsExactly(List.of(1, 2, 3));
  }

  @Test
  void flushHandsOverWhatIsQueuedAndCompletesAfterTheExport() {
    BatchWorker<Integer> worker = new BatchWorker<>("test-export", 100, 50, NEVER, batch -> batches.add(List.copyOf(batch)));
    worker.offer(1);
    worker.offer(2);
    assertThat(worker.flush().join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(batches).hasSize(1);
    assertThat(batches.getFirst()).containsExactly(1, 2);
  }

  @Test
  void aLoneItemGoesOutOnceItHasLingered() throws Exception {
    CountDownLatch exported = new CountDownLatch(1);
    BatchWorker<Integer> worker = new BatchWorker<>("test-export", 100, 50, Duration.ofMillis(20), batch -> {
      batches.add(List.copyOf(batch));
      exported.countDown();
    });
    // An idle worker, parked until something arrives: the item must wake it.
    assertThat(worker.flush().join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
    Thread.sleep(50);
    worker.offer(7);
    assertThat(exported.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(batches).containsExactly(List.of(7));
  }

  @Test
  void dropsAndCountsWhatAFullQueueCannotHoldWithoutBlocking() throws Exception {
    CountDownLatch exporting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    BatchWorker<Integer> worker = new BatchWorker<>("test-export", 2, 1, NEVER, batch -> {
      exporting.countDown();
      awaitQuietly(release);
      batches.add(List.copyOf(batch));
    });
    worker.offer(1);
    assertThat(exporting.await(5, TimeUnit.SECONDS)).isTrue(); // the worker is stuck exporting item 1

    assertThat(List.of(worker.offer(2), worker.offer(3), worker.offer(4), worker.offer(5)))
        .containsExactly(true, true, false, false);
    assertThat(worker.dropped()).isEqualTo(2);
    release.countDown();
    assertThat(worker.flush().join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(batches).containsExactly(List.of(1), List.of(2), List.of(3));
  }

  @Test
  void shutdownExportsWhatIsQueuedThenRefusesNewItems() {
    BatchWorker<Integer> worker = new BatchWorker<>("test-export", 100, 50, NEVER, batch -> batches.add(List.copyOf(batch)));
    worker.offer(1);
    assertThat(worker.shutdown().join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(batches).hasSize(1);
    assertThat(worker.offer(2)).isFalse();
    assertThat(worker.dropped()).isEqualTo(1);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
