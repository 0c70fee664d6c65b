package dev.taskorchestrator.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.agents.McpToolServers;
import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import dev.taskorchestrator.agents.testing.ScriptedReply;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider that answers garbage fails the task with a classified error; the next spawn works. Each
 * case has its own orchestrator: three such failures in a row would (rightly) open the provider's
 * circuit, which the breaker tests cover.
 */
class MalformedProviderResponseTest {

  @TempDir Path dir;
  static final FakeOpenAiServer fake = FakeOpenAiServer.start();
  Pipeline pipeline;

  @BeforeEach
  void open() {
    pipeline = new Pipeline(dir, List.of(Pipeline.openAi("only", fake.baseUrl(), "GOOD_KEY")), McpToolServers.none());
  }

  @AfterEach
  void close() {
    pipeline.close();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  static Stream<Arguments> garbage() {
    return Stream.of(
        Arguments.of("invalid JSON", ScriptedReply.json(200, "this is not json {"), "not JSON"),
        Arguments.of("no choices", ScriptedReply.json(200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[]}"),
            "no choices"),
        Arguments.of("truncated", FakeOpenAiServer.text("cut short", 5, 5, 0).truncatedJson(), "malformed"),
        Arguments.of("error object with 200", ScriptedReply.json(200,
            "{\"error\":{\"message\":\"model crashed\",\"type\":\"server_error\"}}"), "model crashed"),
        Arguments.of("empty body", ScriptedReply.json(200, ""), "empty body"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("garbage")
  void failsTheTaskWithAClassifiedErrorAndKeepsServing(String what, ScriptedReply reply, String reason) {
    fake.enqueue(reply);

    SpawnResult r = pipeline.spawn("researcher");

    assertThat(r.refused()).as("a provider failure is a failed task, not a refusal").isFalse();
    assertThat(r.task().status()).isEqualTo("failed");
    assertThat(r.task().errorClass()).as(r.task().stopReason()).isEqualTo("server");
    assertThat(r.task().stopReason()).contains(reason);
    assertThat(pipeline.orchestrator.task(r.task().id()).orElseThrow().status()).isEqualTo("failed");

    fake.enqueue(FakeOpenAiServer.text("fine again", 3, 2, 0));
    SpawnResult next = pipeline.spawn("researcher");
    assertThat(next.task().status()).as(next.task().stopReason()).isEqualTo("completed");
    assertThat(next.task().output()).isEqualTo("fine again");
  }
}
