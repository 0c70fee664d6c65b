package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real third-party clients against the built jar: the TypeScript SDK client and the MCP Inspector CLI
 * over stdio and HTTP, and the MCP conformance suite over HTTP. Needs node and npm (and the npm
 * registry for the first install): without them these tests fail, they do not skip.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThirdPartyClientsIT {

  private static final Path SOURCE = Path.of("src", "test", "smoke").toAbsolutePath();
  private static final Path SMOKE = Path.of("target", "smoke").toAbsolutePath();
  private static final Path OUTPUT = Path.of("target", "smoke-output").toAbsolutePath();

  private Path dataDir;
  private ServerProcess http;
  private String url;

  @BeforeAll
  void installClientsAndStartServer() throws Exception {
    Files.createDirectories(SMOKE);
    Files.createDirectories(OUTPUT);
    boolean changed = false;
    try (var files = Files.list(SOURCE)) {
      for (Path f : files.toList()) {
        Path target = SMOKE.resolve(f.getFileName());
        changed |= f.getFileName().toString().equals("package.json")
            && (!Files.exists(target) || Files.mismatch(f, target) != -1);
        Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (changed || !Files.isDirectory(SMOKE.resolve("node_modules/@modelcontextprotocol/inspector"))) {
      Result npm = run("npm-install", Duration.ofMinutes(5), List.of("npm", "install", "--no-audit", "--no-fund"));
      assertThat(npm.exit).as("npm install failed; see %s", npm.log).isZero();
    }
    dataDir = Files.createTempDirectory("smoke-data");
    http = ServerProcess.http(dataDir, Map.of("HOME", dataDir.toString()));
    url = http.awaitUrl(Duration.ofSeconds(30));
  }

  @AfterAll
  void stopServer() throws Exception {
    if (http != null) {
      http.close();
      assertThat(http.leakyStderr()).isEmpty();
    }
  }

  record Result(int exit, String output, Path log) {}

  /** Runs a command in target/smoke with its node_modules/.bin (Node 22) first on PATH. */
  private static Result run(String name, Duration timeout, List<String> command) throws Exception {
    Path log = OUTPUT.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(SMOKE.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("PATH", SMOKE.resolve("node_modules/.bin") + java.io.File.pathSeparator
        + System.getenv("PATH"));
    pb.environment().put("HOME", System.getProperty("user.home"));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command.get(0) + " (node and npm are required): " + e.getMessage(), e);
    }
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(name + " timed out after " + timeout + "; output: " + Files.readString(log));
    }
    return new Result(p.exitValue(), Files.readString(log), log);
  }

  private List<String> stdioServer() {
    return ServerProcess.command("serve", "--data-dir", dataDir.resolve("stdio").toString());
  }

  @Test
  @Timeout(120)
  void typeScriptSdkClientOverStdio() throws Exception {
    List<String> cmd = new ArrayList<>(List.of("node", "ts-client.mjs", "stdio"));
    cmd.addAll(stdioServer());
    Result r = run("ts-client-stdio", Duration.ofSeconds(90), cmd);
    assertThat(r.exit).as(r.output).isZero();
    assertThat(r.output).contains("{\"ok\":true,\"server\":{\"name\":\"task-orchestrator\"", "\"logging\":true");
    assertThat(Leaks.leaks(r.output)).isFalse();
  }

  @Test
  @Timeout(120)
  void typeScriptSdkClientOverHttp() throws Exception {
    Result r = run("ts-client-http", Duration.ofSeconds(90), List.of("node", "ts-client.mjs", "http", url));
    assertThat(r.exit).as(r.output).isZero();
    assertThat(r.output).contains("{\"ok\":true,\"server\":{\"name\":\"task-orchestrator\"", "\"logging\":true");
  }

  @Test
  @Timeout(120)
  void inspectorCliOverStdio() throws Exception {
    List<String> cmd = new ArrayList<>(List.of("node_modules/.bin/mcp-inspector", "--cli"));
    cmd.addAll(stdioServer());
    cmd.addAll(List.of("--method", "tools/list"));
    Result r = run("inspector-stdio-tools-list", Duration.ofSeconds(90), cmd);
    assertThat(r.exit).as(r.output).isZero();
    assertThat(r.output).contains("\"tools\"");

    List<String> level = new ArrayList<>(cmd.subList(0, cmd.size() - 2));
    level.addAll(List.of("--method", "logging/setLevel", "--log-level", "debug"));
    Result l = run("inspector-stdio-set-level", Duration.ofSeconds(90), level);
    assertThat(l.exit).as(l.output).isZero();
  }

  @Test
  @Timeout(120)
  void inspectorCliOverHttp() throws Exception {
    Result r = run("inspector-http-tools-list", Duration.ofSeconds(90),
        List.of("node_modules/.bin/mcp-inspector", "--cli", url, "--transport", "http", "--method", "tools/list"));
    assertThat(r.exit).as(r.output).isZero();
    assertThat(r.output).contains("\"tools\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"server-initialize", "ping", "logging-set-level", "tools-list", "dns-rebinding-protection"})
  @Timeout(120)
  void conformanceScenarioPassesOverHttp(String scenario) throws Exception {
    Result r = run("conformance-" + scenario, Duration.ofSeconds(90), List.of("node_modules/.bin/conformance",
        "server", "--url", url, "--scenario", scenario, "-o", OUTPUT.resolve("conformance").toString()));
    assertThat(r.exit).as("conformance %s failed; output in %s:%n%s", scenario, r.log, r.output).isZero();
  }
}
