package dev.taskorchestrator.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path tmp;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void isolateFromTheRealHome() {
    env.put("HOME", tmp.toString());
  }

  private ConfigLoader.Loaded load(Path file, Map<String, String> flags) {
    return new ConfigLoader(env::get).load(file, flags);
  }

  private Path file(String yaml) throws IOException {
    return Files.writeString(tmp.resolve("config.yaml"), yaml);
  }

  @Test
  void defaultsWithoutFileEnvironmentOrFlags() {
    var loaded = load(null, Map.of());
    assertThat(loaded.file()).isEmpty();
    assertThat(loaded.dataDir()).isEqualTo(tmp.resolve(".local/share/task-orchestrator"));
    assertThat(loaded.config().server()).isEqualTo(ServerSettings.defaults());
    assertThat(loaded.config().logging().level()).isEqualTo("info");
  }

  @Test
  void xdgDataHomeMovesTheDefaultDataDirectory() {
    env.put("XDG_DATA_HOME", tmp.resolve("xdg").toString());
    assertThat(load(null, Map.of()).dataDir()).isEqualTo(tmp.resolve("xdg/task-orchestrator"));
  }

  @Test
  void everyKeyOfTheFileReachesTheRecord() throws IOException {
    Path f = file("""
        data-dir: ~/orchestrator-data
        server:
          transport: http
          host: 0.0.0.0
          port: 9123
          token-env: MY_TOKEN
          allowed-origins: [http://example.test:3000, https://app.example.test]
          allowed-hosts: [mcp.example.test, "192.168.1.10:9123"]
          max-request-bytes: 2048
          request-timeout: 90s
          shutdown-grace: 1500ms
        logging:
          level: debug
        """);
    var loaded = load(f, Map.of());
    var s = loaded.config().server();
    assertThat(loaded.file()).contains(f);
    assertThat(loaded.dataDir()).isEqualTo(tmp.resolve("orchestrator-data"));
    assertThat(s).isEqualTo(new ServerSettings("http", "0.0.0.0", 9123, "MY_TOKEN",
        List.of("http://example.test:3000", "https://app.example.test"),
        List.of("mcp.example.test", "192.168.1.10:9123"), 2048, Duration.ofSeconds(90),
        Duration.ofMillis(1500)));
    assertThat(loaded.config().logging().level()).isEqualTo("debug");
  }

  @Test
  void standardConfigFileIsFoundUnderXdgConfigHome() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(".config/task-orchestrator"));
    Files.writeString(dir.resolve("config.yaml"), "server:\n  port: 7000\n");
    var loaded = load(null, Map.of());
    assertThat(loaded.file()).contains(dir.resolve("config.yaml"));
    assertThat(loaded.config().server().port()).isEqualTo(7000);
  }

  @Test
  void environmentOverridesTheFileAndFlagsOverrideTheEnvironment() throws IOException {
    Path f = file("server:\n  port: 7000\n  transport: http\nlogging:\n  level: warn\n");
    env.put("TASK_ORCHESTRATOR_SERVER_PORT", "7001");
    env.put("TASK_ORCHESTRATOR_LOGGING_LEVEL", "error");
    env.put("TASK_ORCHESTRATOR_SERVER_ALLOWED_ORIGINS", "http://a.test, http://b.test");
    env.put("TASK_ORCHESTRATOR_SERVER_SHUTDOWN_GRACE", "3s");
    env.put("TASK_ORCHESTRATOR_SERVER_ALLOWED_HOSTS", "mcp.example.test,10.0.0.7:8080");
    var fromEnv = load(f, Map.of());
    assertThat(fromEnv.config().server().port()).isEqualTo(7001);
    assertThat(fromEnv.config().server().transport()).isEqualTo("http");
    assertThat(fromEnv.config().logging().level()).isEqualTo("error");
    assertThat(fromEnv.config().server().allowedOrigins()).containsExactly("http://a.test", "http://b.test");
    assertThat(fromEnv.config().server().shutdownGrace()).isEqualTo(Duration.ofSeconds(3));
    assertThat(fromEnv.config().server().allowedHosts()).containsExactly("mcp.example.test", "10.0.0.7:8080");

    var fromFlags = load(f, Map.of("server.port", "7002", "data-dir", tmp.resolve("d").toString()));
    assertThat(fromFlags.config().server().port()).isEqualTo(7002);
    assertThat(fromFlags.dataDir()).isEqualTo(tmp.resolve("d"));
  }

  @Test
  void configFileNamedByTheEnvironmentIsUsed() throws IOException {
    Path f = file("server:\n  port: 7100\n");
    env.put("TASK_ORCHESTRATOR_CONFIG", f.toString());
    assertThat(load(null, Map.of()).config().server().port()).isEqualTo(7100);
  }

  @Test
  void unknownKeyIsOneLineNamingTheKeyTheFileAndTheAllowedKeys() throws IOException {
    Path f = file("server:\n  prot: 7000\n");
    assertThatThrownBy(() -> load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("configuration: unknown key 'server.prot' (from " + f + "); allowed keys under 'server': "
            + "allowed-hosts, allowed-origins, host, max-request-bytes, port, request-timeout, shutdown-grace, token-env, "
            + "transport");
  }

  @Test
  void unknownTopLevelKeyListsTheTopLevelKeys() throws IOException {
    Path f = file("servr:\n  port: 1\n");
    assertThatThrownBy(() -> load(f, Map.of()))
        .hasMessageStartingWith("configuration: unknown key 'servr' (from " + f + "); allowed top-level keys: ")
        .hasMessageContaining("archetypes, budget, data-dir, logging, patterns, providers, resilience, server, telemetry, tool-servers");
  }

  @Test
  void badValuesAreOneLineNamingKeyValueOriginAndWhatIsAllowed() throws IOException {
    Path f = file("server:\n  port: eighty\n");
    assertThatThrownBy(() -> load(f, Map.of()))
        .hasMessage("configuration: server.port = 'eighty' (from " + f + ") is not allowed; expected a whole number");

    env.put("TASK_ORCHESTRATOR_SERVER_REQUEST_TIMEOUT", "soon");
    assertThatThrownBy(() -> load(null, Map.of()))
        .hasMessage("configuration: server.request-timeout = 'soon' (from environment "
            + "TASK_ORCHESTRATOR_SERVER_REQUEST_TIMEOUT) is not allowed; expected a duration "
            + "(500ms, 30s, 10m, 1h or PT30S)");
    env.remove("TASK_ORCHESTRATOR_SERVER_REQUEST_TIMEOUT");

    assertThatThrownBy(() -> load(null, Map.of("server.transport", "carrier-pigeon")))
        .hasMessage("configuration: server.transport = 'carrier-pigeon' (from flag --transport) is not allowed; "
            + "use stdio or http");
    assertThatThrownBy(() -> load(null, Map.of("server.port", "70000")))
        .hasMessageStartingWith("configuration: server.port = '70000' (from flag --port) is not allowed;");
  }

  @Test
  void nonLoopbackHttpHostWithoutTokenIsRefused() {
    assertThatThrownBy(() -> load(null, Map.of("server.transport", "http", "server.host", "0.0.0.0")))
        .hasMessage("configuration: server.host = '0.0.0.0' (from flag --host) is not allowed; a non-loopback "
            + "address needs a bearer token: set server.token-env (--token-env NAME)");
    assertThat(load(null, Map.of("server.transport", "http", "server.host", "0.0.0.0", "server.token-env", "T",
        "server.allowed-hosts", "mcp.example.test")).config().server().host()).isEqualTo("0.0.0.0");
    assertThat(load(null, Map.of("server.transport", "http", "server.host", "::1")).config().server().host())
        .isEqualTo("::1");
  }

  @Test
  void nonLoopbackHttpHostNeedsTheAllowedHostsBesideTheToken() {
    assertThatThrownBy(() -> load(null, Map.of("server.transport", "http", "server.host", "0.0.0.0",
        "server.token-env", "T")))
        .hasMessage("configuration: server.allowed-hosts = '[]' is not allowed; server.host 0.0.0.0 is not a "
            + "loopback address: list the names clients reach the server by (--allowed-hosts "
            + "mcp.example.com,192.168.1.10)");
    assertThatThrownBy(() -> load(null, Map.of("server.transport", "http", "server.host", "0.0.0.0",
        "server.token-env", "T", "server.allowed-hosts", "http://mcp.example.test/mcp")))
        .hasMessageStartingWith("configuration: server.allowed-hosts = 'http://mcp.example.test/mcp' (from flag "
            + "--allowed-hosts) is not allowed; give a host name or address");
    assertThat(load(null, Map.of("server.transport", "http", "server.host", "0.0.0.0", "server.token-env", "T",
        "server.allowed-hosts", "mcp.example.test, [fd00::7]:8080")).config().server().allowedHosts())
        .containsExactly("mcp.example.test", "[fd00::7]:8080");
  }

  @Test
  void brokenYamlAndMissingFileAreOneLine() throws IOException {
    Path f = file("server: [unclosed\n");
    assertThatThrownBy(() -> load(f, Map.of()))
        .hasMessageStartingWith("configuration: " + f + " is not valid YAML: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThatThrownBy(() -> load(tmp.resolve("nope.yaml"), Map.of()))
        .hasMessage("configuration: file " + tmp.resolve("nope.yaml") + " (from --config) does not exist or is "
            + "not a file; create it or drop --config");
  }

  @Test
  void anArchetypeChainNamingAnUnknownProviderIsOneLine() throws IOException {
    Path f = file("""
        providers:
          - { name: local, type: openai, base-url: "http://127.0.0.1:9/v1", models: [m] }
        archetypes:
          builder: { providers: [locl] }
        """);
    assertThatThrownBy(() -> load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("configuration: archetypes.builder.providers names 'locl', which is not a configured provider "
            + "(known: local, sampling)");
  }

  @Test
  void aProviderNameUsedTwiceIsOneLine() throws IOException {
    Path f = file("""
        providers:
          - { name: local, type: openai, base-url: "http://127.0.0.1:9/v1" }
          - { name: local, type: anthropic }
        """);
    assertThatThrownBy(() -> load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("configuration: providers: the name local is used twice");
  }

  @Test
  void peekTellsWhatLoadWouldChooseWithFlagOverEnvironmentOverFile() throws IOException {
    Path f = file("server:\n  transport: http\nlogging:\n  level: warn\n");
    ConfigLoader loader = new ConfigLoader(env::get);
    assertThat(loader.peek("server.transport", "stdio", f, Map.of())).contains("http");
    assertThat(loader.peek("logging.level", "info", f, Map.of())).contains("warn");
    assertThat(loader.peek("server.host", "127.0.0.1", f, Map.of())).contains("127.0.0.1");
    env.put("TASK_ORCHESTRATOR_SERVER_TRANSPORT", "stdio");
    assertThat(loader.peek("server.transport", "stdio", f, Map.of())).contains("stdio");
    assertThat(load(f, Map.of()).config().server().transport()).isEqualTo("stdio");
    assertThat(loader.peek("server.transport", "stdio", f, Map.of("server.transport", "http"))).contains("http");
    assertThat(load(f, Map.of("server.transport", "http")).config().server().transport()).isEqualTo("http");
  }

  @Test
  void peekWithoutAFileGivesTheDefaultAndCannotTellThroughABrokenOne() throws IOException {
    ConfigLoader loader = new ConfigLoader(env::get);
    assertThat(loader.peek("server.transport", "stdio", null, Map.of())).contains("stdio");
    assertThat(loader.peek("server.transport", "stdio", tmp.resolve("missing.yaml"), Map.of())).isEmpty();
    assertThat(loader.peek("server.transport", "stdio", file("server: [unclosed"), Map.of())).isEmpty();
    assertThat(loader.peek("server", "stdio", file("server:\n  transport: http\n"), Map.of())).isEmpty();
  }
}
