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
 * over stdio and HTTP, the TypeScript SDK client in headless Chromium, and the MCP conformance suite over
 * HTTP. Needs node and npm (and the npm registry for the first install) and Debian's Chromium
 * ({@code .ci/install-chromium}): without them these tests fail, they do not skip.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThirdPartyClientsIT {

  private static final Path SOURCE = Path.of("src", "test", "smoke").toAbsolutePath();
  private static final Path SMOKE = Path.of("target", "smoke").toAbsolutePath();
  private static final Path OUTPUT = Path.of("target", "smoke-output").toAbsolutePath();
  /** The conformance suite needs Node 22 (the machine's may be older): the npm package {@code node}. */
  private static final String NODE_22 = SMOKE.resolve("node_modules/.bin/node").toString();

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
    if (changed || !Files.isDirectory(SMOKE.resolve("node_modules/playwright-core"))) {
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
    return run(name, timeout, command, Map.of());
  }

  private static Result run(String name, Duration timeout, List<String> command, Map<String, String> env)
      throws Exception {
    Path log = OUTPUT.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(SMOKE.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(env);
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
    return stdioServer("stdio");
  }

  private List<String> stdioServer(String data) {
    return ServerProcess.command("serve", "--data-dir", dataDir.resolve(data).toString());
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

  /** {@code ts-client.mjs} in {@code scenario} against a server of its own (a fresh database). */
  private Result typeScriptScenario(String scenario, String transport) throws Exception {
    if (transport.equals("stdio")) {
      List<String> cmd = new ArrayList<>(List.of("node", "ts-client.mjs", "stdio"));
      cmd.addAll(stdioServer(scenario + "-stdio"));
      return run("ts-" + scenario + "-stdio", Duration.ofSeconds(100), cmd, Map.of("SCENARIO", scenario));
    }
    try (ServerProcess server = ServerProcess.http(dataDir.resolve(scenario + "-http"),
        Map.of("HOME", dataDir.toString()))) {
      String own = server.awaitUrl(Duration.ofSeconds(30));
      Result r = run("ts-" + scenario + "-http", Duration.ofSeconds(100), List.of("node", "ts-client.mjs", "http", own),
          Map.of("SCENARIO", scenario));
      assertThat(server.leakyStderr()).isEmpty();
      return r;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"stdio", "http"})
  @Timeout(150)
  void typeScriptSdkClientAnswersTheSamplingOfABackgroundSpawnAfterTheCallReturned(String transport) throws Exception {
    Result r = typeScriptScenario("background-sampling", transport);
    assertThat(r.exit).as(r.output).isZero();
    assertThat(r.output).contains("\"started\":\"running\"", "\"status\":\"completed\"",
        "\"output\":\"sampled after the call returned\"", "\"asked\":1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"stdio", "http"})
  @Timeout(150)
  void typeScriptSdkClientCancellingASpawnStopsItsTaskAndWithdrawsItsSampling(String transport) throws Exception {
    Result r = typeScriptScenario("cancel", transport);
    assertThat(r.exit).as(r.output).isZero();
    assertThat(r.output).contains("\"withdrawn\":true", "\"asked\":2", "\"status\":\"cancelled\"", "\"calls\":1",
        "\"reserved\":0");
    var result = tools.jackson.databind.json.JsonMapper.builder().build()
        .readTree(r.output.lines().filter(l -> l.startsWith("{\"ok\"")).findFirst().orElseThrow());
    assertThat(result.path("spent").decimalValue()).as("only the answered call is billed")
        .isEqualByComparingTo(result.path("cost").decimalValue()).isPositive();
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

  /**
   * Every server scenario of the conformance suite that needs no fixture tools, resources or prompts of its
   * own ({@code conformance list --server}: the others call {@code test_*} names), passed with no warning.
   * {@code server-sse-polling} calls a {@code test_reconnection} tool: the server refuses the unknown tool
   * at once, in JSON, so the scenario has no stream to check (StreamableHttpIT checks priming, retry and
   * replay).
   */
  @ParameterizedTest
  @ValueSource(strings = {"server-initialize", "ping", "logging-set-level", "tools-list", "resources-list",
      "prompts-list", "server-sse-polling", "server-sse-multiple-streams", "dns-rebinding-protection"})
  @Timeout(120)
  void conformanceScenarioPassesOverHttpWithoutWarnings(String scenario) throws Exception {
    Result r = run("conformance-" + scenario, Duration.ofSeconds(90), List.of(NODE_22,
        "node_modules/@modelcontextprotocol/conformance/dist/index.js", "server", "--url", url, "--scenario", scenario,
        "-o", OUTPUT.resolve("conformance").toString()));
    assertConformancePassed(scenario, r);
  }

  /** The session lifecycle scenario exists from the 0.2 line on; it is run pinned to the 2025-11-25 wire. */
  @Test
  @Timeout(120)
  void conformanceSessionLifecycleOfTheNextLinePassesWithoutWarnings() throws Exception {
    Result r = run("conformance-next-server-session-lifecycle", Duration.ofSeconds(90), List.of(NODE_22,
        "node_modules/@modelcontextprotocol/conformance-next/dist/index.js", "server", "--url", url, "--scenario",
        "server-session-lifecycle", "--spec-version", "2025-11-25", "-o", OUTPUT.resolve("conformance-next").toString()));
    assertConformancePassed("server-session-lifecycle", r);
  }

  private static void assertConformancePassed(String scenario, Result r) {
    assertThat(r.exit).as("conformance %s failed; output in %s:%n%s", scenario, r.log, r.output).isZero();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("Passed: (\\d+)/(\\d+), (\\d+) failed, (\\d+) warnings")
        .matcher(r.output);
    assertThat(m.find()).as("no summary in %s", r.output).isTrue();
    assertThat(m.group(3)).as("failed checks of %s", scenario).isEqualTo("0");
    assertThat(m.group(4)).as("warnings of %s:%n%s", scenario, r.output).isEqualTo("0");
  }

  /**
   * A real browser: Debian's Chromium (headless, driven by playwright-core) loads a page from a loopback
   * origin whose script is the TypeScript SDK client, bundled; it lists the tools over Streamable HTTP,
   * which takes the CORS preflight and the exposed Mcp-Session-Id. A page from another origin is refused.
   */
  @Test
  @Timeout(150)
  void aBrowserPageFromALoopbackOriginListsTheToolsAndOneFromAnotherOriginIsRefused() throws Exception {
    Result r = run("browser", Duration.ofSeconds(120), List.of("node", "browser-client.mjs", url));
    assertThat(r.exit).as(r.output).isZero();
    assertThat(r.output).contains("{\"page\":\"127.0.0.1\",\"ok\":true", "{\"page\":\"localhost\",\"ok\":true",
        "\"spawn_archetype_agent\"", "{\"page\":\"foreign.test\",\"ok\":false");
    assertThat(r.output).doesNotContain("\"sessionId\":null");
  }
}
