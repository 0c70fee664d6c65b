package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Stopping: SIGTERM and stdin EOF end the process with status 0, after answering what was asked. */
@Timeout(60)
class LifecycleIT {

  @TempDir Path tmp;

  @Test
  void sigtermStopsTheStdioServerWithStatus0AndClosesTheDatabase() throws Exception {
    try (ServerProcess server = ServerProcess.start(Map.of("HOME", tmp.toString()), "serve", "--data-dir",
        tmp.toString())) {
      OutputStream in = server.process.getOutputStream();
      in.write((HttpSecurityIT.INIT + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
      var out = new BufferedReader(new InputStreamReader(server.process.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).contains("\"id\":1", "serverInfo");
      server.process.destroy(); // SIGTERM
      assertThat(server.awaitExit(Duration.ofSeconds(30))).isZero();
      assertThat(server.stderr).noneMatch(l -> l.contains("[ERROR]") || l.contains("[WARN]") || Leaks.leaks(l));
    }
  }

  @Test
  void sigtermStopsTheHttpServerWithStatus0() throws Exception {
    try (ServerProcess server = ServerProcess.http(tmp, Map.of("HOME", tmp.toString()))) {
      server.awaitUrl(Duration.ofSeconds(30));
      server.process.destroy();
      assertThat(server.awaitExit(Duration.ofSeconds(30))).isZero();
      assertThat(server.stderr).noneMatch(l -> l.contains("[ERROR]") || l.contains("SEVERE") || Leaks.leaks(l));
    }
  }

  @Test
  void stdinEofAfterSeveralPingsAnswersThemAllThenExitsWith0() throws Exception {
    try (ServerProcess server = ServerProcess.start(Map.of("HOME", tmp.toString()), "serve", "--data-dir",
        tmp.toString())) {
      StringBuilder all = new StringBuilder(HttpSecurityIT.INIT).append('\n')
          .append("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
      for (int i = 0; i < 20; i++) {
        all.append("{\"jsonrpc\":\"2.0\",\"id\":").append(100 + i).append(",\"method\":\"ping\"}\n");
      }
      try (OutputStream in = server.process.getOutputStream()) {
        in.write(all.toString().getBytes(StandardCharsets.UTF_8));
      } // stdin closed right after the pings were sent
      List<String> lines = new ArrayList<>();
      try (var out = new BufferedReader(new InputStreamReader(server.process.getInputStream(), StandardCharsets.UTF_8))) {
        out.lines().forEach(lines::add);
      }
      assertThat(server.awaitExit(Duration.ofSeconds(30))).isZero();
      assertThat(lines).hasSize(21);
      for (int i = 0; i < 20; i++) {
        assertThat(lines).contains("{\"jsonrpc\":\"2.0\",\"id\":" + (100 + i) + ",\"result\":{}}");
      }
      assertThat(server.stderr).noneMatch(l -> l.contains("unanswered") || Leaks.leaks(l));
    }
  }

  @Test
  void aRangeErrorAfterTheEarlyInitializeAnswerExitsWith2OneLineAndAnswersTheClientsRequestsWithIt()
      throws Exception {
    Path config = java.nio.file.Files.writeString(tmp.resolve("c.yaml"), "patterns:\n  half-life: 0s\n");
    try (ServerProcess server = ServerProcess.start(Map.of("HOME", tmp.toString()), "serve", "--config",
        config.toString(), "--data-dir", tmp.toString())) {
      try (OutputStream in = server.process.getOutputStream()) {
        in.write((HttpSecurityIT.INIT + "\n{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n").getBytes(StandardCharsets.UTF_8));
      }
      List<String> lines = new ArrayList<>();
      try (var out = new BufferedReader(new InputStreamReader(server.process.getInputStream(), StandardCharsets.UTF_8))) {
        out.lines().forEach(lines::add);
      }
      assertThat(server.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
      String line = "configuration: patterns.half-life = '0s' (from " + config + ") is not allowed; use a positive "
          + "duration (such as 72h)";
      assertThat(server.stderr).containsExactly("task-orchestrator: " + line);
      assertThat(lines).hasSize(2);
      assertThat(lines.get(1)).contains("\"id\":2", "\"error\"", "Task Orchestrator cannot start: " + line);
    }
  }
}
