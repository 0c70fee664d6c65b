package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import dev.taskorchestrator.telemetry.testing.FakeLangfuse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** {@code task-orchestrator demo}: see it work with no API key and no account, and say plainly what answers. */
@Timeout(180)
class DemoIT {

  @TempDir Path tmp;

  record Run(int status, List<String> stdout, List<String> stderr) {}

  private Run demo(Map<String, String> env, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("demo", "--dir", tmp.resolve("demo").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(ServerProcess.command(command.toArray(String[]::new)));
    pb.environment().put("HOME", tmp.toString());
    pb.environment().putAll(env);
    pb.redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile());
    Process p = pb.start();
    assertThat(p.waitFor(150, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), Files.readAllLines(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readAllLines(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  @Test
  void aSpawnRunsEndToEndAgainstAScriptedStandInThatSaysWhatItIsAndTheTraceIsWrittenAndShown() throws Exception {
    try (FakeLangfuse langfuse = new FakeLangfuse("pk-lf-demo", "sk-lf-demo-secret")) {
      // Telemetry and provider settings of the user's shell must not reach the demo's server.
      Run r = demo(Map.of("LANGFUSE_PUBLIC_KEY", langfuse.publicKey, "LANGFUSE_SECRET_KEY", langfuse.secretKey,
          "LANGFUSE_HOST", langfuse.baseUrl(), "OTEL_EXPORTER_OTLP_ENDPOINT", langfuse.baseUrl(),
          "TASK_ORCHESTRATOR_BUDGET_DAILY_LIMIT_USD", "0"));

      assertThat(r.status()).as("exit status; stdout %s; stderr %s", r.stdout(), r.stderr()).isZero();
      String all = String.join("\n", r.stdout());
      assertThat(all).containsPattern("The model is a scripted stand-in at http://127\\.0\\.0\\.1:\\d+/v1: it is not a "
          + "real model")
          .contains("2. spawn_archetype_agent", "-> completed by provider demo, model scripted-demo-model")
          .containsPattern("output: \\[scripted demo model at http://127\\.0\\.0\\.1:\\d+/v1 - not a real model]")
          .contains("3. check_budget {} ->", "day ", "left of $1.00")
          .contains("generation scripted-demo-model [generation]", "router.budget [guardrail]", "agent researcher");
      assertThat(r.stderr()).isEmpty();
      assertThat(langfuse.requests).as("nothing left the machine").isEmpty();
    }
    List<String> traces = Files.readAllLines(tmp.resolve("demo/traces.jsonl"));
    assertThat(traces).isNotEmpty()
        .allSatisfy(l -> assertThat(JsonMapper.builder().build().readTree(l).has("resourceSpans")).isTrue());
  }

  @Test
  void withBaseUrlAndModelItUsesThatServerAndSaysItIsTheUsers() throws Exception {
    try (FakeOpenAiServer model = FakeOpenAiServer.start()) {
      model.enqueue(FakeOpenAiServer.text("Ask about staleness, invalidation and hit rate.", 30, 9, 0));

      Run r = demo(Map.of(), "--base-url", model.baseUrl(), "--model", "gpt-fake");

      assertThat(r.status()).as("stdout %s; stderr %s", r.stdout(), r.stderr()).isZero();
      assertThat(String.join("\n", r.stdout()))
          .contains("The model is gpt-fake at " + model.baseUrl() + " (yours).")
          .contains("output: Ask about staleness, invalidation and hit rate.")
          .contains("cost $0;").doesNotContain("scripted");
      assertThat(model.requests()).hasSize(1);
      assertThat(model.lastRequest().path()).endsWith("/chat/completions");
    }
  }
}
