package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Nothing is lost under load: 500 spawns sent at once, each answered exactly once, over stdio and over
 * Streamable HTTP, and the server answers afterwards. (The SDK's stdio transport dropped the answers it
 * could not emit within 100 ms and then answered nothing at all.)
 */
@Timeout(300)
class ConcurrencyIT {

  private static final int CALLS = 500;
  private static final Duration WAIT = Duration.ofSeconds(180);

  @TempDir Path tmp;
  private final FakeOpenAiServer fake = FakeOpenAiServer.start();

  @AfterEach
  void stopFake() {
    fake.close();
  }

  private Path config() throws Exception {
    for (int i = 0; i < CALLS; i++) {
      fake.enqueue(FakeOpenAiServer.text("answer", 10, 2, 0));
    }
    return OrchestratorProcess.config(tmp, fake.baseUrl(), null);
  }

  private static String spawn(String id) {
    return RawClient.toolCall(id, "spawn_archetype_agent", "{\"archetype\":\"researcher\",\"task\":\"" + id + "\"}");
  }

  @Test
  void fiveHundredConcurrentSpawnsOverStdioAreEachAnsweredOnceAndTheServerStillAnswers() throws Exception {
    try (ServerProcess server = ServerProcess.start(Map.of("HOME", tmp.toString()), "serve", "--config",
        config().toString()); RawClient client = RawClient.stdio(server)) {
      client.initialize(false);
      for (int i = 0; i < CALLS; i++) {
        client.send(spawn("load-" + i));
      }
      for (int i = 0; i < CALLS; i++) {
        JsonNode answer = client.awaitResponse("load-" + i, WAIT);
        assertThat(answer.path("result").path("structuredContent").path("status").asString()).as(answer.toString())
            .isEqualTo("completed");
      }
      client.send("{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"ping\"}");
      assertThat(client.awaitResponse("after", WAIT).has("result")).isTrue();
      assertThat(client.received.stream().filter(r -> r.message().path("id").asString().startsWith("load-")))
          .hasSize(CALLS);
      assertThat(server.stderr).noneMatch(l -> l.contains("Failed to enqueue") || l.contains("[ERROR]"));
    }
  }

  @Test
  void fiveHundredConcurrentSpawnsOverHttpAreEachAnsweredOnceAndTheServerStillAnswers() throws Exception {
    try (ServerProcess server = ServerProcess.http(tmp.resolve("data"), Map.of("HOME", tmp.toString(),
        "TASK_ORCHESTRATOR_LOGGING_LEVEL", "info"), "--config", config().toString());
        RawClient.Http client = (RawClient.Http) RawClient.http(URI.create(server.awaitUrl(Duration.ofSeconds(30))))) {
      client.initialize(false);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        calls.add(http.sendAsync(client.request().timeout(WAIT).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(spawn("load-" + i))).build(), HttpResponse.BodyHandlers.ofString()));
      }
      CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      for (int i = 0; i < CALLS; i++) {
        List<JsonNode> answers = answers(calls.get(i).get());
        String id = "load-" + i;
        assertThat(answers).as("answers to %s", id).singleElement().satisfies(a -> {
          assertThat(a.path("id").asString()).isEqualTo(id);
          assertThat(a.path("result").path("structuredContent").path("status").asString()).isEqualTo("completed");
        });
      }
      client.send("{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"ping\"}");
      assertThat(client.awaitResponse("after", Duration.ofSeconds(30)).has("result")).isTrue();
      assertThat(server.leakyStderr()).isEmpty();
    }
  }

  /** The JSON-RPC responses in an event-stream body. */
  private static List<JsonNode> answers(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body().lines().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).strip())
        .filter(d -> !d.isEmpty()).map(RawClient.JSON::readTree).filter(m -> !m.has("method")).toList();
  }

}
