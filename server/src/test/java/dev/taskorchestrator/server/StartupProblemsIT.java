package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a user meets when something around the server is wrong: one line each, never a stack trace. */
@Timeout(120)
class StartupProblemsIT {

  @TempDir Path tmp;

  record Run(int status, List<String> stdout, List<String> stderr) {}

  private Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(ServerProcess.command(args));
    pb.environment().keySet().removeIf(k -> k.startsWith("TASK_ORCHESTRATOR_") || k.startsWith("OTEL_")
        || k.startsWith("LANGFUSE_") || k.endsWith("_API_KEY") || k.endsWith("_BASE_URL"));
    pb.environment().put("HOME", tmp.toString());
    pb.environment().putAll(env);
    pb.redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile());
    Process p = pb.start();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("finished").isTrue();
    return new Run(p.exitValue(), Files.readAllLines(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readAllLines(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void doctorReportsEachProblemOnItsLineAndPrintsNothingElse() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path config = Files.writeString(tmp.resolve("config.yaml"), """
          server: { transport: http, port: %d }
          providers:
            - { name: openai, type: openai, models: [gpt-4o-mini] }
          tool-servers:
            files: { command: no-such-command-anywhere, args: ["."] }
          """.formatted(busy.getLocalPort()));

      Run r = run(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + closedPort()), "doctor", "--config",
          config.toString(), "--data-dir", tmp.resolve("data").toString());

      assertThat(r.status()).isEqualTo(1);
      assertThat(r.stdout()).anySatisfy(l -> assertThat(l).startsWith("  FAIL  provider openai: openai at "
          + "https://api.openai.com/v1: OPENAI_API_KEY is not set; export OPENAI_API_KEY=<your key>"));
      assertThat(r.stdout()).anySatisfy(l -> assertThat(l).isEqualTo("  FAIL  tool server files: tool server files: "
          + "command not found: 'no-such-command-anywhere' is not an executable file on PATH; install it or fix "
          + "tool-servers.files.command"));
      assertThat(r.stdout()).anySatisfy(l -> assertThat(l).startsWith("  FAIL  trace export endpoint: Cannot reach "));
      assertThat(r.stdout()).anySatisfy(l -> assertThat(l).startsWith("  FAIL  server.port: cannot listen on 127.0.0.1:"
          + busy.getLocalPort() + " ("));
      assertThat(r.stdout()).noneMatch(Leaks::leaks);
      assertThat(r.stderr()).isEmpty();
    }
  }

  @Test
  void serveOnAPortInUseExitsWith1NamingTheAddressWithoutAStackTrace() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Run r = run(Map.of(), "serve", "--transport", "http", "--port", String.valueOf(busy.getLocalPort()),
          "--data-dir", tmp.resolve("data").toString());

      assertThat(r.status()).isEqualTo(1);
      assertThat(r.stderr()).last().asString().startsWith("task-orchestrator: serve failed: could not listen on "
          + "127.0.0.1:" + busy.getLocalPort() + " (the port is in use");
      assertThat(r.stderr()).noneMatch(Leaks::leaks).noneMatch(l -> l.contains("WebappClassLoaderBase"));
      assertThat(r.stdout()).isEmpty();
    }
  }
}
