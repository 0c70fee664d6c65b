package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import dev.taskorchestrator.agents.testing.ScriptedReply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Router + agent overhead: a one-step spawn over stdio (Java SDK client, the packaged jar as a child process)
 * against a fake provider that answers at once, compared with the fake provider's own latency.
 * Needs {@code server/target/task-orchestrator.jar}: build it first ({@code mvn -pl server -am install -DskipTests}).
 * The server runs with the launcher's JVM flags ({@link OrchestratorProcess#LAUNCHER_FLAGS}); the figures are
 * taken after {@value #WARMUP} spawns (a server answers many), and the first 300 spawns after start are reported too.
 */
@Tag("bench")
class SpawnOverheadBenchmarkTest {

  static final int WARMUP = 2000;
  static final int RUNS = 1000;

  @TempDir Path dir;

  @Test
  void oneStepSpawnOverStdio() throws Exception {
    try (FakeOpenAiServer fake = FakeOpenAiServer.start()) {
      ScriptedReply answer = FakeOpenAiServer.text("ok", 20, 1, 0);
      double[] provider = providerLatency(fake, answer);
      OrchestratorProcess server = OrchestratorProcess.start(OrchestratorProcess.config(dir, fake.baseUrl(), null));
      try {
        Map<String, Object> args = Map.of("archetype", "researcher", "task", "say ok");
        double[] first = new double[300];
        for (int i = 0; i < WARMUP; i++) {
          fake.enqueue(answer);
          long t0 = System.nanoTime();
          assertThat(server.call("spawn_archetype_agent", args)).containsEntry("status", "completed");
          if (i < first.length) {
            first[i] = (System.nanoTime() - t0) / 1e6;
          }
        }
        double[] spawn = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
          fake.enqueue(answer);
          long t0 = System.nanoTime();
          Map<String, Object> r = server.call("spawn_archetype_agent", args);
          spawn[i] = (System.nanoTime() - t0) / 1e6;
          assertThat(r).containsEntry("status", "completed");
        }
        print("spawn over stdio, first 300 after start", first);
        print("spawn over stdio (one step, fake provider), after " + WARMUP + " warm-up spawns", spawn);
        print("fake provider alone (HTTP POST on loopback)", provider);
        System.out.printf("BENCH router+agent+MCP overhead: p50 %.2f ms (spawn p50 - provider p50)%n",
            pct(spawn, 50) - pct(provider, 50));
      } finally {
        server.close();
      }
    }
  }

  /** The fake's own round trip from a JDK HttpClient, as the providers make it. */
  private static double[] providerLatency(FakeOpenAiServer fake, ScriptedReply answer) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest req = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/chat/completions"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    double[] out = new double[RUNS];
    for (int i = -WARMUP; i < RUNS; i++) {
      fake.enqueue(answer);
      long t0 = System.nanoTime();
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (i >= 0) {
        out[i] = (System.nanoTime() - t0) / 1e6;
      }
      assertThat(r.statusCode()).isEqualTo(200);
    }
    return out;
  }

  static void print(String what, double[] ms) {
    System.out.printf("BENCH %s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (%d runs)%n", what,
        pct(ms, 50), pct(ms, 90), pct(ms, 99), pct(ms, 100), ms.length);
  }

  static double pct(double[] values, double p) {
    double[] s = values.clone();
    Arrays.sort(s);
    int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, i))];
  }
}
