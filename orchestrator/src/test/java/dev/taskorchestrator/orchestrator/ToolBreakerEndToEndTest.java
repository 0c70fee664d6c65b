package dev.taskorchestrator.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.resilience.BreakerState;
import dev.taskorchestrator.resilience.BreakerStatus;
import dev.taskorchestrator.resilience.ErrorClass;
import dev.taskorchestrator.agents.McpToolServers;
import dev.taskorchestrator.resilience.ResilienceSettings;
import dev.taskorchestrator.resilience.RetrySettings;
import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import dev.taskorchestrator.agents.testing.TestToolServer;
import dev.taskorchestrator.patterns.Pattern;
import dev.taskorchestrator.patterns.PatternQuery;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, downstream tools: a tool that keeps timing out opens its own breaker ({@code notes.slow}) while
 * the other tools of the same server go on working, and the cut-off tool is refused without reaching it.
 */
class ToolBreakerEndToEndTest {

  @TempDir Path dir;
  final FakeOpenAiServer fake = FakeOpenAiServer.start();
  RouterPipeline pipeline;

  @AfterEach
  void close() {
    pipeline.close();
    fake.close();
  }

  static FakeOpenAiServer.Call call(String id, String tool, String args) {
    return new FakeOpenAiServer.Call(id, tool, args);
  }

  BreakerStatus breaker(String name) {
    return pipeline.breakers.snapshot().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aToolTimingOutOpensItsOwnBreakerWithoutAffectingTheOtherToolsOfItsServer() throws Exception {
    // The short timeout is notes.slow's own: the test tool server handles one request at a time, so read_note
    // waits there behind the abandoned slow calls (up to 1.2 s) and needs its normal timeout. Before the fix
    // in ToolServerConnection, a timed-out call closed the whole connection and read_note failed regardless.
    Path log = dir.resolve("calls.log");
    ResilienceSettings shortTimeout = ResilienceSettings.ofDefaults().withTimeout(Duration.ofMillis(250))
        .withRetry(new RetrySettings(0, Duration.ofSeconds(1), 2, 0, Duration.ofSeconds(10)));
    pipeline = RouterPipeline.in(dir).providers(Pipeline.openAi("fake", fake.baseUrl(), "GOOD_KEY")
            .withModels(List.of("gpt-4o")))
        .tools(new McpToolServers(Map.of("notes", TestToolServer.stdio(log)), McpJsonDefaults.getMapper()))
        .resilienceOf("notes.slow", shortTimeout).open();
    fake.enqueue(FakeOpenAiServer.toolCalls(call("c1", "notes__slow", "{\"ms\":400}")),
        FakeOpenAiServer.toolCalls(call("c2", "notes__slow", "{\"ms\":400}")),
        FakeOpenAiServer.toolCalls(call("c3", "notes__slow", "{\"ms\":400}")),
        FakeOpenAiServer.toolCalls(call("c4", "notes__slow", "{\"ms\":400}")),
        FakeOpenAiServer.toolCalls(call("c5", "notes__read_note", "{\"name\":\"x\"}")),
        FakeOpenAiServer.text("read_note still works", 10, 3, 0));

    SpawnResult r = pipeline.spawn("researcher");

    assertThat(r.task().status()).isEqualTo("completed");
    List<Map<String, Object>> calls = r.task().toolCalls();
    assertThat(calls).extracting(c -> c.get("name")).containsExactly("notes.slow", "notes.slow", "notes.slow",
        "notes.slow", "notes.read_note");
    assertThat(calls).as(calls.toString()).extracting(c -> c.get("ok")).containsExactly(false, false, false, false, true);
    assertThat((String) calls.get(0).get("error")).containsIgnoringCase("time");
    assertThat((String) calls.get(3).get("error")).contains("notes.slow").contains("circuit open")
        .contains("use another tool");
    assertThat(breaker("notes.slow").state()).isEqualTo(BreakerState.OPEN);
    assertThat(breaker("notes.slow").lastErrorClass()).contains(ErrorClass.TIMEOUT);
    assertThat(breaker("notes.read_note").state()).isEqualTo(BreakerState.CLOSED);
    assertThat(breaker("notes.read_note").consecutiveFailures()).isZero();
    assertThat(TestToolServer.calls(log)).filteredOn("slow"::equals).hasSize(3); // the 4th never reached it
    assertThat(TestToolServer.calls(log)).contains("read_note");
    // The immune system learned the timeouts, not the breaker's refusal of the 4th call (it repeats them).
    List<Pattern> learned = pipeline.patterns.query(PatternQuery.all().withTarget(dev.taskorchestrator.patterns.Target.tool("notes.slow")));
    assertThat(learned).singleElement().satisfies(p -> {
      assertThat(p.errorClass()).isEqualTo("timeout");
      assertThat(p.occurrences()).isEqualTo(3);
    });
    assertThat(pipeline.patterns.query(PatternQuery.all())).noneMatch(p -> p.example().contains("circuit open"));
  }
}
