package dev.taskorchestrator.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.agents.McpToolServers;
import dev.taskorchestrator.agents.testing.FakeModelServer;
import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import dev.taskorchestrator.agents.testing.ScriptedReply;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spawn falls back along its provider chain and says which providers it passed over and why. */
class ProviderFallbackTest {

  @TempDir Path dir;
  final FakeOpenAiServer a = FakeOpenAiServer.start();
  final FakeOpenAiServer b = FakeOpenAiServer.start();
  Pipeline pipeline;

  @AfterEach
  void close() {
    pipeline.close();
    a.close();
    b.close();
  }

  @Test
  void fallsBackToTheNextProviderWhenTheFirstAnswers503() {
    a.enqueue(FakeOpenAiServer.error(503, "server_error", "upstream overloaded", null));
    b.enqueue(FakeOpenAiServer.text("answer from b", 10, 3, 0));
    pipeline = new Pipeline(dir, List.of(Pipeline.openAi("a", a.baseUrl(), "GOOD_KEY"),
        Pipeline.openAi("b", b.baseUrl(), "GOOD_KEY")), McpToolServers.none());

    SpawnResult r = pipeline.spawn("researcher");

    assertThat(r.task().status()).isEqualTo("completed");
    assertThat(r.task().provider()).isEqualTo("b");
    assertThat(r.task().output()).isEqualTo("answer from b");
    assertThat(Pipeline.passedOver(r)).singleElement().satisfies(p -> {
      assertThat(p).containsEntry("provider", "a").containsEntry("outcome", "failed")
          .containsEntry("error_class", "server");
      assertThat((String) p.get("message")).contains("503");
    });
    assertThat(a.requests()).hasSize(1);
    assertThat(b.lastRequest().json().path("model").asString()).isEqualTo("gpt-b");
  }

  @Test
  void fallsBackWhenTheFirstProviderRefusesTheConnection() {
    b.enqueue(FakeOpenAiServer.text("answer from b", 10, 3, 0));
    pipeline = new Pipeline(dir, List.of(Pipeline.openAi("a", FakeModelServer.unusedLoopbackUrl("/v1"), "GOOD_KEY"),
        Pipeline.openAi("b", b.baseUrl(), "GOOD_KEY")), McpToolServers.none());

    SpawnResult r = pipeline.spawn("researcher");

    assertThat(r.task().status()).isEqualTo("completed");
    assertThat(r.task().provider()).isEqualTo("b");
    assertThat(Pipeline.passedOver(r)).singleElement().satisfies(p ->
        assertThat(p).containsEntry("provider", "a").containsEntry("error_class", "network"));
  }

  @Test
  void reportsARefusedKeyAndUsesTheNextProvider() {
    a.enqueue(FakeOpenAiServer.error(401, "invalid_request_error", "Incorrect API key provided: sk-bad",
        "invalid_api_key"));
    b.enqueue(FakeOpenAiServer.text("answer from b", 10, 3, 0));
    pipeline = new Pipeline(dir, List.of(Pipeline.openAi("a", a.baseUrl(), "BAD_KEY"),
        Pipeline.openAi("b", b.baseUrl(), "GOOD_KEY")), McpToolServers.none());

    SpawnResult r = pipeline.spawn("researcher");

    assertThat(r.task().provider()).isEqualTo("b");
    assertThat(Pipeline.passedOver(r)).singleElement().satisfies(p -> {
      assertThat(p).containsEntry("provider", "a").containsEntry("error_class", "auth");
      assertThat((String) p.get("message")).contains("key").contains("refused").contains("BAD_KEY")
          .doesNotContain("sk-bad");
    });
    assertThat(a.requests()).hasSize(1);
    assertThat(a.lastRequest().header("authorization")).isEqualTo("Bearer sk-bad");
  }

  @Test
  void failsWithTheLastErrorWhenEveryProviderFails() {
    a.enqueue(FakeOpenAiServer.error(500, "server_error", "boom", null));
    b.enqueue(ScriptedReply.json(502, "<html>bad gateway</html>"));
    pipeline = new Pipeline(dir, List.of(Pipeline.openAi("a", a.baseUrl(), "GOOD_KEY"),
        Pipeline.openAi("b", b.baseUrl(), "GOOD_KEY")), McpToolServers.none());

    SpawnResult r = pipeline.spawn("researcher");

    assertThat(r.task().status()).isEqualTo("failed");
    assertThat(r.task().errorClass()).isEqualTo("server");
    assertThat(r.task().stopReason()).contains("502");
    assertThat(pipeline.orchestrator.task(r.task().id()).orElseThrow().status()).isEqualTo("failed");
  }

  @Test
  void noProvidersConfiguredMeansTheSamplingChainAndAClientWithoutSamplingGetsAClearFailure() {
    pipeline = new Pipeline(dir, List.of(), McpToolServers.none());

    SpawnResult r = pipeline.spawn("researcher");

    assertThat(r.task().status()).isEqualTo("failed");
    assertThat(r.task().stopReason()).contains("sampling");
    assertThat(Pipeline.passedOver(r)).isEmpty();
    assertThat(Map.of("chain", new ProviderRegistry(List.of(), Pipeline.ENV::get, java.time.Clock.systemUTC())
        .chainFor(pipeline.orchestrator.archetypes().find("qc").orElseThrow())))
        .containsEntry("chain", List.of("sampling"));
  }
}
