package dev.taskorchestrator.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.agents.McpToolServers;
import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import dev.taskorchestrator.agents.testing.ScriptedReply;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 200 background spawns at once against a provider that answers after 200 ms: wall time and memory. */
@Tag("bench")
class ConcurrentSpawnBenchmarkTest {

  static final int TASKS = 200;
  static final Duration PROVIDER_DELAY = Duration.ofMillis(200);

  @TempDir Path dir;

  @Test
  void twoHundredConcurrentBackgroundSpawns() throws Exception {
    try (FakeOpenAiServer fake = FakeOpenAiServer.start();
        Pipeline pipeline = new Pipeline(dir, List.of(Pipeline.openAi("fake", fake.baseUrl(), "GOOD_KEY")),
            McpToolServers.none())) {
      ScriptedReply slow = FakeOpenAiServer.text("done", 20, 2, 0).delayedBy(PROVIDER_DELAY);
      round(pipeline, fake, slow, 20); // warm-up: JIT, connections, SQLite pages
      long heapBefore = heapAfterGc();

      long t0 = System.nanoTime();
      List<String> ids = new ArrayList<>();
      long[] submit = new long[TASKS];
      for (int i = 0; i < TASKS; i++) {
        fake.enqueue(slow);
        long s0 = System.nanoTime();
        ids.add(pipeline.orchestrator.spawn(Pipeline.request("researcher", true), Caller.none()).task().id());
        submit[i] = System.nanoTime() - s0;
      }
      java.util.Arrays.sort(submit);
      long submittedMs = (System.nanoTime() - t0) / 1_000_000;
      long peakHeap = 0;
      while (pipeline.orchestrator.runningCount() > 0) {
        peakHeap = Math.max(peakHeap, heapUsed());
        Thread.sleep(2);
      }
      long wallMs = (System.nanoTime() - t0) / 1_000_000;
      long completed = ids.stream().filter(id -> "completed".equals(pipeline.orchestrator.task(id).orElseThrow().status()))
          .count();
      long heapAfter = heapAfterGc();

      System.out.printf("BENCH %d concurrent background spawns, provider answers after %d ms: all done in %d ms "
          + "(all submitted after %d ms), %d completed%n", TASKS, PROVIDER_DELAY.toMillis(), wallMs, submittedMs,
          completed);
      System.out.printf("BENCH one background spawn call (create task row, read it back, hand off): p50 %.2f ms, "
          + "p99 %.2f ms%n", submit[TASKS / 2] / 1e6, submit[TASKS * 99 / 100] / 1e6);
      System.out.printf("BENCH memory: heap used after GC %d MB before, %d MB after; peak heap used %d MB; "
          + "process RSS peak (VmHWM) %s%n", heapBefore >> 20, heapAfter >> 20, peakHeap >> 20, vmHwm());
      assertThat(completed).isEqualTo(TASKS);
    }
  }

  private static void round(Pipeline p, FakeOpenAiServer fake, ScriptedReply reply, int n) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      fake.enqueue(reply);
      ids.add(p.orchestrator.spawn(Pipeline.request("researcher", true), Caller.none()).task().id());
    }
    for (String id : ids) {
      p.awaitEnd(id, Duration.ofSeconds(30));
    }
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long heapAfterGc() {
    System.gc();
    return heapUsed();
  }

  private static String vmHwm() throws Exception {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return "n/a";
    }
    return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmHWM")).map(l -> l.replaceAll("\\s+", " "))
        .findFirst().orElse("n/a");
  }
}
