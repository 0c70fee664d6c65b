package dev.taskorchestrator.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.agents.Archetypes;
import dev.taskorchestrator.agents.McpToolServers;
import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import dev.taskorchestrator.agents.testing.TestToolServer;
import dev.taskorchestrator.storage.Database;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Background spawns, polling, cancellation, restart, sampling and the stored tool calls. */
class TaskLifecycleTest {

  @TempDir Path dir;
  final FakeOpenAiServer fake = FakeOpenAiServer.start();
  Pipeline pipeline;

  @AfterEach
  void close() {
    if (pipeline != null) {
      pipeline.close();
    }
    fake.close();
  }

  private Pipeline withFake() {
    return new Pipeline(dir, List.of(Pipeline.openAi("fake", fake.baseUrl(), "GOOD_KEY")), McpToolServers.none());
  }

  @Test
  void backgroundSpawnReturnsTheRunningTaskAtOnceAndCompletesLater() throws Exception {
    fake.enqueue(FakeOpenAiServer.text("background answer", 10, 4, 0).heldFor(Duration.ofMillis(300)));
    pipeline = withFake();

    SpawnResult r = pipeline.orchestrator.spawn(Pipeline.request("researcher", true), Caller.none());

    assertThat(r.task().status()).isEqualTo(TaskRecord.RUNNING);
    assertThat(r.task().id()).startsWith("task_");
    assertThat(r.latencyMs()).isLessThan(300);
    TaskRecord done = pipeline.awaitEnd(r.task().id(), Duration.ofSeconds(10));
    assertThat(done.status()).isEqualTo("completed");
    assertThat(done.output()).isEqualTo("background answer");
    assertThat(done.provider()).isEqualTo("fake");
    assertThat(done.usage().outputTokens()).isEqualTo(4);
    assertThat(done.endedAt()).isNotNull();
    assertThat(pipeline.orchestrator.runningCount()).isZero();
  }

  @Test
  void cancellingARunningTaskEndsItCancelled() throws Exception {
    fake.enqueue(FakeOpenAiServer.text("too late", 10, 4, 0).heldFor(Duration.ofSeconds(5)));
    pipeline = withFake();
    SpawnResult r = pipeline.orchestrator.spawn(Pipeline.request("researcher", true), Caller.none());
    while (fake.requests().isEmpty()) {
      Thread.sleep(5);
    }

    long start = System.nanoTime();
    assertThat(pipeline.orchestrator.cancel(r.task().id())).isPresent();
    TaskRecord t = pipeline.awaitEnd(r.task().id(), Duration.ofSeconds(4));

    assertThat(t.status()).isEqualTo("cancelled");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(pipeline.orchestrator.cancel("task_nope")).isEmpty();
  }

  @Test
  void aTaskLeftRunningByAStoppedServerIsInterruptedOnRestart() {
    pipeline = withFake();
    new SqliteTaskStore(pipeline.db, deadProcess()).create(new TaskRecord("task_left", null, null, "builder", TaskRecord.RUNNING,
        "build it", "", null, null, null, null, null, null, 0, List.of(), null, null, Instant.now(), null));
    pipeline.close();

    pipeline = withFake();

    TaskRecord t = pipeline.orchestrator.task("task_left").orElseThrow();
    assertThat(t.status()).isEqualTo(TaskRecord.INTERRUPTED);
    assertThat(t.endedAt()).isNotNull();
    assertThat(t.stopReason()).contains("server stopped");
  }

  @Test
  void aRunningTaskOfAnotherLiveServerIsLeftRunningWhenTheDatabaseIsReopened() throws Exception {
    fake.enqueue(FakeOpenAiServer.text("never stored", 10, 4, 0).heldFor(Duration.ofSeconds(3)));
    Database db = Database.open(dir.resolve("t.db"), Pipeline.schemas());
    Orchestrator first = Pipeline.orchestrator(db, List.of(Pipeline.openAi("fake", fake.baseUrl(), "GOOD_KEY")),
        McpToolServers.none());
    String id = first.spawn(Pipeline.request("researcher", true), Caller.none()).task().id();

    // A second server (say, another client's) opens the same database while the first one's task runs:
    // the first server's process is alive, so its task must not be marked interrupted.
    pipeline = withFake();

    assertThat(pipeline.orchestrator.task(id).orElseThrow().status()).isEqualTo(TaskRecord.RUNNING);
    first.close();
    db.close();
  }

  @Test
  void samplingSpawnIsAnsweredByTheCallingClient() {
    pipeline = new Pipeline(dir, List.of(), McpToolServers.none());
    AtomicReference<McpSchema.CreateMessageRequest> seen = new AtomicReference<>();
    Caller client = new Caller(req -> {
      seen.set(req);
      return McpSchema.CreateMessageResult.builder().role(McpSchema.Role.ASSISTANT)
          .content(new McpSchema.TextContent("answer from the client's model")).model("client-model")
          .stopReason(McpSchema.CreateMessageResult.StopReason.END_TURN).build();
    }, null, null);

    SpawnResult r = pipeline.orchestrator.spawn(Pipeline.request("architect", false), client);

    assertThat(r.task().status()).isEqualTo("completed");
    assertThat(r.task().provider()).isEqualTo("sampling");
    assertThat(r.task().model()).isEqualTo("client-model");
    assertThat(r.task().output()).isEqualTo("answer from the client's model");
    assertThat(r.task().usage().inputTokens()).isPositive();
    assertThat(seen.get().systemPrompt()).contains("software architect");
    assertThat(seen.get().messages()).singleElement()
        .satisfies(m -> assertThat(((McpSchema.TextContent) m.content()).text()).contains("summarise the notes"));
  }

  @Test
  void storedTaskRecordsEveryToolCallWithRefusalsAsNotOk() throws Exception {
    Path log = dir.resolve("calls.log");
    McpToolServers tools = new McpToolServers(Map.of("notes", TestToolServer.stdio(log)), McpJsonDefaults.getMapper());
    fake.enqueue(FakeOpenAiServer.toolCalls(new FakeOpenAiServer.Call("1", "notes__read_note", "{\"name\":\"a\"}"),
            new FakeOpenAiServer.Call("2", "notes__delete_note", "{\"name\":\"a\"}")),
        FakeOpenAiServer.text("read it, could not delete it", 10, 4, 0));
    pipeline = new Pipeline(dir, List.of(Pipeline.openAi("fake", fake.baseUrl(), "GOOD_KEY")), tools);

    SpawnResult r = pipeline.spawn("researcher");

    TaskRecord stored = pipeline.orchestrator.task(r.task().id()).orElseThrow();
    assertThat(stored.status()).isEqualTo("completed");
    assertThat(stored.toolCalls()).hasSize(2);
    assertThat(stored.toolCalls().get(0)).containsEntry("name", "notes.read_note").containsEntry("ok", true);
    assertThat(stored.toolCalls().get(1)).containsEntry("name", "notes.delete_note").containsEntry("ok", false);
    assertThat((String) stored.toolCalls().get(1).get("error")).contains("read-only");
    assertThat(TestToolServer.calls(log)).containsExactly("read_note");
  }

  @Test
  void cancellingASynchronousSpawnLeavesNoInterruptOnTheCallersThread() throws Exception {
    fake.enqueue(FakeOpenAiServer.text("too late", 10, 4, 0).heldFor(Duration.ofSeconds(5)));
    pipeline = withFake();
    java.util.concurrent.ExecutorService handlerThread = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      var spawn = handlerThread.submit(() -> pipeline.orchestrator.spawn(Pipeline.request("researcher", false),
          Caller.none()));
      while (fake.requests().isEmpty() || pipeline.orchestrator.runningCount() == 0) {
        Thread.sleep(5);
      }
      String id = pipeline.db.read(c -> {
        try (var rs = c.createStatement().executeQuery("SELECT id FROM tasks WHERE status = 'running'")) {
          rs.next();
          return rs.getString(1);
        }
      });

      pipeline.orchestrator.cancel(id);

      assertThat(spawn.get(4, java.util.concurrent.TimeUnit.SECONDS).task().status()).isEqualTo("cancelled");
      // The thread is the MCP server's pooled handler thread in production: the next call must not start interrupted.
      assertThat(handlerThread.submit(() -> Thread.currentThread().isInterrupted()).get()).isFalse();
    } finally {
      handlerThread.shutdownNow();
    }
  }

  /** This host and pid, but another start time: a process that has certainly ended. */
  private static dev.taskorchestrator.budget.ProcessIdentity deadProcess() {
    var self = dev.taskorchestrator.budget.ProcessIdentity.current();
    return new dev.taskorchestrator.budget.ProcessIdentity(self.host(), self.pid(), Instant.EPOCH);
  }
}
