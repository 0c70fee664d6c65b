package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import dev.taskorchestrator.agents.testing.TestToolServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3 end to end through the real MCP surface: the built jar as a child process, the Java SDK client over
 * stdio, a fake OpenAI provider on loopback and the SDK-built test tool server as a downstream server.
 */
class SpawnOverStdioIT {

  @TempDir static Path dir;
  static final FakeOpenAiServer fake = FakeOpenAiServer.start();
  static OrchestratorProcess server;
  static Path toolLog;

  @BeforeAll
  static void start() throws Exception {
    toolLog = dir.resolve("calls.log");
    server = OrchestratorProcess.start(OrchestratorProcess.config(dir, fake.baseUrl(), toolLog));
  }

  @AfterAll
  static void stop() {
    server.close();
    fake.close();
  }

  @Test
  void spawnRunsTheAgentWithToolsAndReturnsTheStructuredResult() throws Exception {
    fake.enqueue(FakeOpenAiServer.toolCalls(new FakeOpenAiServer.Call("c1", "notes__read_note", "{\"name\":\"x\"}"),
            new FakeOpenAiServer.Call("c2", "notes__delete_note", "{\"name\":\"x\"}")),
        FakeOpenAiServer.text("The note says: remember the milk.", 40, 9, 0));

    McpSchema.CallToolResult raw = server.client.callTool(McpSchema.CallToolRequest.builder("spawn_archetype_agent")
        .arguments(Map.of("archetype", "researcher", "task", "What does note x say?")).build());
    Map<String, Object> r = OrchestratorProcess.structured(raw);

    assertThat(raw.isError()).isFalse();
    assertThat(r).containsKeys("task_id", "status", "archetype", "output", "provider", "model", "usage",
        "latency_ms", "tool_calls", "stop_reason");
    assertThat(r).containsEntry("status", "completed").containsEntry("archetype", "researcher")
        .containsEntry("provider", "fake").containsEntry("model", "gpt-fake-2026")
        .containsEntry("output", "The note says: remember the milk.");
    assertThat((String) r.get("task_id")).startsWith("task_");
    assertThat((Map<String, Object>) cast(r.get("usage"))).containsEntry("input_tokens", 60)
        .containsEntry("output_tokens", 14);
    List<Map<String, Object>> calls = cast(r.get("tool_calls"));
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0)).containsEntry("name", "notes.read_note").containsEntry("ok", true);
    assertThat(calls.get(1)).containsEntry("name", "notes.delete_note").containsEntry("ok", false);
    assertThat(TestToolServer.calls(toolLog)).contains("read_note").doesNotContain("delete_note");
    assertThat(fake.requests().get(fake.requests().size() - 1).header("authorization"))
        .isEqualTo("Bearer " + OrchestratorProcess.KEY);
    assertThat(fake.requests().get(fake.requests().size() - 1).body()).contains("remember the milk");
    assertThat(raw.content().toString()).doesNotContain(OrchestratorProcess.KEY);

    Map<String, Object> again = server.call("get_task", Map.of("task_id", r.get("task_id")));
    assertThat(again).containsEntry("status", "completed").containsEntry("output", r.get("output"));
  }

  @Test
  void aToolServerGivenByUrlIsCalledOverStreamableHttp(@TempDir Path other) throws Exception {
    // The downstream server is a second Task Orchestrator serving Streamable HTTP: a real MCP server.
    try (ServerProcess downstream = ServerProcess.http(other.resolve("downstream"), Map.of())) {
      String url = downstream.awaitUrl(Duration.ofSeconds(30));
      Path config = OrchestratorProcess.config(other, fake.baseUrl(), null, OrchestratorProcess.DEFAULT_PRICE
          + "tool-servers:\n  orch:\n    url: '" + url + "'\n    timeout: 10s\n");
      OrchestratorProcess viaUrl = OrchestratorProcess.start(config);
      try {
        fake.enqueue(FakeOpenAiServer.toolCalls(new FakeOpenAiServer.Call("c1", "orch__circuit_status", "{}")),
            FakeOpenAiServer.text("No breaker has tripped.", 30, 6, 0));
        Map<String, Object> r = viaUrl.call("spawn_archetype_agent",
            Map.of("archetype", "researcher", "task", "Has any circuit breaker tripped?"));

        assertThat(r).containsEntry("status", "completed").containsEntry("output", "No breaker has tripped.");
        List<Map<String, Object>> calls = cast(r.get("tool_calls"));
        assertThat(calls).singleElement().satisfies(c ->
            assertThat(c).containsEntry("name", "orch.circuit_status").containsEntry("ok", true));
        assertThat(fake.requests().get(fake.requests().size() - 1).body()).contains("no circuit breakers yet");
      } finally {
        viaUrl.close();
      }
    }
  }

  @Test
  void backgroundSpawnReturnsAtOnceAndGetTaskShowsTheResultLater() throws Exception {
    fake.enqueue(FakeOpenAiServer.text("done in the background", 10, 3, 0).heldFor(Duration.ofMillis(400)));

    Map<String, Object> r = server.call("spawn_archetype_agent",
        Map.of("archetype", "architect", "task", "design it", "background", true));

    assertThat(r).containsEntry("status", "running");
    assertThat(((Number) r.get("latency_ms")).longValue()).isLessThan(400);
    Map<String, Object> done = server.awaitEnd((String) r.get("task_id"), Duration.ofSeconds(10));
    assertThat(done).containsEntry("status", "completed").containsEntry("output", "done in the background");
  }

  @Test
  void cancelTaskStopsARunningTask() throws Exception {
    fake.enqueue(FakeOpenAiServer.text("too late", 10, 3, 0).heldFor(Duration.ofSeconds(6)));
    long start = System.nanoTime();
    // counted before the spawn: a background task may reach the provider before the spawn's answer arrives
    int before = fake.requests().size();
    Map<String, Object> r = server.call("spawn_archetype_agent",
        Map.of("archetype", "builder", "task", "build it", "background", true));
    String id = (String) r.get("task_id");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (fake.requests().size() == before) { // cancel while the model call is in flight
      assertThat(System.nanoTime()).as("the model call never started: %s", server.call("get_task",
          Map.of("task_id", id))).isLessThan(deadline);
      Thread.sleep(5);
    }

    Map<String, Object> cancelled = server.call("cancel_task", Map.of("task_id", id));

    assertThat(cancelled).containsEntry("task_id", id);
    assertThat(server.awaitEnd(id, Duration.ofSeconds(4))).containsEntry("status", "cancelled");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void unknownTaskIdIsAnErrorResultNotAProtocolError() {
    McpSchema.CallToolResult r = server.client.callTool(McpSchema.CallToolRequest.builder("get_task")
        .arguments(Map.of("task_id", "task_nope")).build());
    assertThat(r.isError()).isTrue();
    assertThat(r.content().toString()).contains("no task task_nope");
  }

  @Test
  void withNoProvidersConfiguredTheSpawnIsAnsweredByTheClientThroughSampling(@TempDir Path other) throws Exception {
    AtomicReference<McpSchema.CreateMessageRequest> seen = new AtomicReference<>();
    OrchestratorProcess sampled = OrchestratorProcess.startWithSampling(OrchestratorProcess.config(other, null, null),
        req -> {
          seen.set(req);
          return McpSchema.CreateMessageResult.builder().role(McpSchema.Role.ASSISTANT)
              .content(new McpSchema.TextContent("sampled answer")).model("client-model-1")
              .stopReason(McpSchema.CreateMessageResult.StopReason.END_TURN).build();
        });
    try {
      Map<String, Object> r = sampled.call("spawn_archetype_agent",
          Map.of("archetype", "researcher", "task", "what is MCP sampling?"));

      assertThat(r).containsEntry("status", "completed").containsEntry("provider", "sampling")
          .containsEntry("model", "client-model-1").containsEntry("output", "sampled answer");
      assertThat(seen.get().systemPrompt()).contains("You are a researcher");
    } finally {
      sampled.close();
    }
  }

  @Test
  void aTaskRunningWhenTheServerIsKilledIsInterruptedAfterRestart(@TempDir Path other) throws Exception {
    try (FakeOpenAiServer slow = FakeOpenAiServer.start()) {
      slow.enqueue(FakeOpenAiServer.text("never delivered", 1, 1, 0).heldFor(Duration.ofSeconds(20)));
      Path config = OrchestratorProcess.config(other, slow.baseUrl(), null);
      OrchestratorProcess first = OrchestratorProcess.start(config);
      String id = (String) first.call("spawn_archetype_agent",
          Map.of("archetype", "researcher", "task", "slow one", "background", true)).get("task_id");
      assertThat(first.call("get_task", Map.of("task_id", id))).containsEntry("status", "running");

      OrchestratorProcess.killServerProcesses(config);
      first.client.close();
      assertThat(Files.exists(other.resolve("data"))).isTrue();
      OrchestratorProcess second = OrchestratorProcess.start(config);
      try {
        Map<String, Object> t = second.call("get_task", Map.of("task_id", id));
        assertThat(t).containsEntry("status", "interrupted");
        assertThat((String) t.get("stop_reason")).contains("server stopped");
      } finally {
        second.close();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }
}
