package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's first starts through {@code bin/task-orchestrator}, on a fresh home and data directory:
 * stderr holds only the server's own lines, in the order things happen — no JVM output about the AOT
 * cache the launcher records on the first run (JDK 25+), no Tomcat warnings on shutdown — and stdout only
 * the protocol.
 */
@Timeout(300)
class QuietStartIT {

  private static final Path LAUNCHER = Path.of("..", "bin", "task-orchestrator").toAbsolutePath().normalize();
  private static final Pattern LINE = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[INFO] (\\w+) - (.*)");
  private static final List<String> FRESH_DATABASE = List.of(
      "Migrator - database: applied orchestrator migration v1 (tasks)",
      "Migrator - database: applied resilience migration v1 (circuit_breakers)",
      "Migrator - database: applied budget migration v1 (ledger)",
      "Migrator - database: applied patterns migration v1 (patterns with an FTS5 index)");

  @TempDir Path tmp;

  private Process start(Path home, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("XDG_") || k.startsWith("TASK_ORCHESTRATOR_")
        || k.startsWith("OTEL_") || k.startsWith("LANGFUSE_"));
    pb.environment().put("HOME", home.toString());
    pb.environment().put("TASK_ORCHESTRATOR_JAR", ServerProcess.JAR.toString());
    return pb.start();
  }

  /** The stderr lines as "Logger - message", failing on any line that is not a log line of the server. */
  private static List<String> logLines(List<String> stderr) {
    List<String> out = new ArrayList<>();
    for (String line : stderr) {
      Matcher m = LINE.matcher(line);
      assertThat(m.matches()).as("a log line of the server, not: " + line + "\nall: " + stderr).isTrue();
      out.add(m.group(1) + " - " + m.group(2));
    }
    return out;
  }

  private static List<String> readAll(java.io.InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      r.lines().forEach(lines::add);
    }
    return lines;
  }

  private List<String> stdioSession(Path home, Path data) throws Exception {
    Process p = start(home, "serve", "--data-dir", data.toString());
    try (OutputStream in = p.getOutputStream()) {
      in.write((HttpSecurityIT.INIT + "\n{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
          + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\n").getBytes(StandardCharsets.UTF_8));
    }
    List<String> stdout = readAll(p.getInputStream());
    List<String> stderr = readAll(p.getErrorStream());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("exit status; stderr: " + stderr).isZero();
    assertThat(stdout).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{\"jsonrpc\":\"2.0\",\"id\":"));
    return logLines(stderr);
  }

  @Test
  void stdioFirstAndSecondStartOnAFreshHomeLogOnlyTheServersLines() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path data = tmp.resolve("data");
    List<String> serving = List.of("Serve - serving MCP over stdio (data: " + data + ")",
        "Serve - stdin closed: shutting down", "Serve - stopped; database " + data.resolve("task-orchestrator.db")
            + " closed");
    List<String> first = new ArrayList<>(FRESH_DATABASE);
    first.addAll(serving);

    assertThat(stdioSession(home, data)).containsExactlyElementsOf(first);

    // A JDK 25+ records an AOT cache on the first run and assembles it in the background; the second run maps it.
    awaitAotCache(home);
    assertThat(stdioSession(home, data)).containsExactlyElementsOf(serving);
  }

  @Test
  void httpStartAndSigtermOnAFreshHomeLogOnlyTheServersLines() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path data = tmp.resolve("data");
    Process p = start(home, "serve", "--transport", "http", "--port", "0", "--data-dir", data.toString());
    List<String> stderr = new CopyOnWriteArrayList<>();
    Thread reader = Thread.ofPlatform().daemon().start(() -> {
      try (var r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        r.lines().forEach(stderr::add);
      } catch (IOException e) {
        // gone
      }
    });
    String url = awaitUrl(p, stderr);
    HttpResponse<String> init = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(HttpSecurityIT.INIT)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(init.statusCode()).isEqualTo(200);

    p.toHandle().destroy(); // SIGTERM, as a client or a service manager stops it (Process.destroy closes the pipes)
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    reader.join(10_000);
    assertThat(p.exitValue()).as("exit status; stderr: " + stderr).isZero();
    assertThat(readAll(p.getInputStream())).isEmpty();
    List<String> expected = new ArrayList<>(FRESH_DATABASE);
    expected.addAll(List.of("Serve - serving MCP over Streamable HTTP at " + url, "Serve - stop requested: shutting down",
        "Serve - stopped; database " + data.resolve("task-orchestrator.db") + " closed"));
    assertThat(logLines(stderr)).containsExactlyElementsOf(expected);
    awaitAotCache(home); // before the temporary home is deleted under the assembly
  }

  /** When the first run recorded an AOT cache (JDK 25+), waits until its background assembly is done. */
  private static void awaitAotCache(Path home) throws Exception {
    Path cache = home.resolve(".cache/task-orchestrator");
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (Files.isDirectory(cache) && pending(cache) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(Files.isDirectory(cache) && pending(cache)).as("the AOT cache assembled within 120 s").isFalse();
  }

  private static boolean pending(Path cache) throws IOException {
    try (var files = Files.list(cache)) {
      return files.anyMatch(f -> f.toString().endsWith(".conf") || f.toString().endsWith(".tmp"));
    }
  }

  private static String awaitUrl(Process p, List<String> stderr) throws InterruptedException {
    Pattern url = Pattern.compile("at (http://\\S+/mcp)");
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : stderr) {
        Matcher m = url.matcher(line);
        if (m.find()) {
          return m.group(1);
        }
      }
      assertThat(p.isAlive()).as("running; stderr: " + stderr).isTrue();
      Thread.sleep(20);
    }
    throw new AssertionError("no URL logged: " + stderr);
  }
}
