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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
            + "not a readable file; create it or drop --config");
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

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      budget: {daily-limit-usd: -5}              | budget.daily-limit-usd = '-5'        | use a number from 0 to 1000000000 with at most 9 decimals (USD)
      budget: {warn-below-percent: 150}          | budget.warn-below-percent = '150'    | use a whole number from 0 to 100
      budget: {monthly-limit-usd: 0.0000000001}  | budget.monthly-limit-usd = '1.0E-10' | use a number from 0 to 1000000000 with at most 9 decimals (USD)
      budget: {provider-daily-limits-usd: {openai: -1}} | budget.provider-daily-limits-usd.openai = '-1' | use a number from 0
      resilience: {retries: -1}                  | resilience.retries = '-1'            | use a whole number of 0 or more
      resilience: {jitter: 1}                    | resilience.jitter = '1'              | use a number of 0 or more and below 1 (0.1 is ±10 %)
      resilience: {minimum-calls: 20}            | resilience.minimum-calls = '20'      | use a whole number from 1 to window-size (10)
      resilience: {max-delay: 1s}                | resilience.max-delay = '1s'          | use a positive duration of base-delay (2s) or more
      resilience: {time-scale: 0}                | resilience.time-scale = '0'          | use a positive number of at most 1
      resilience: {failure-rate-percent: 0}      | resilience.failure-rate-percent = '0' | use a whole number from 1 to 100
      patterns: {half-life: 0s}                  | patterns.half-life = '0s'            | use a positive duration (such as 72h)
      patterns: {block-threshold: 2}             | patterns.block-threshold = '2'       | use a number from 0 to 1
      patterns: {max-advice-chars: 5}            | patterns.max-advice-chars = '5'      | use a whole number from 20 to 2000 (characters)
      server: {shutdown-grace: PT-1S}            | server.shutdown-grace = 'PT-1S'      | use a duration of 0s or more (such as 10s)
      telemetry: {queue-size: 0}                 | telemetry.queue-size = '0'           | use a whole number of 1 or more
      telemetry: {export-timeout: 0ms}           | telemetry.export-timeout = '0ms'     | use a positive duration
      archetypes: {builder: {temperature: 3}}    | archetypes.builder.temperature = '3' | use a number from 0 to 2
      archetypes: {builder: {max-steps: 0}}      | archetypes.builder.max-steps = '0'   | use a whole number of 1 or more
      "tool-servers: {t: {url: 'http://127.0.0.1:9/mcp', timeout: 0s}}" | tool-servers.t.timeout = '0s' | use a positive duration (such as 60s)
      "providers: [{name: p, type: openai, base-url: 'http://127.0.0.1:9/v1', timeout: 0s}]" | providers[0].timeout = '0s' | use a positive duration (such as 120s)
      "budget: {prices: [{model: m, input: -1, output: 2}]}" | budget.prices[0].input = '-1' | use a number from 0 to 1000000000 with at most 9 decimals (USD per million tokens)
      """)
  void aRangeErrorIsOneLineNamingTheYamlKeyTheValueAndWhatIsAllowed(String yaml, String keyAndValue, String allowed)
      throws IOException {
    Path f = file(yaml + "\n");
    assertThatThrownBy(() -> load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("configuration: " + keyAndValue + " (from " + f + ") is not allowed; " + allowed)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void anEnvironmentVariableWithABadValueIsNamed() {
    env.put("TASK_ORCHESTRATOR_BUDGET_DAILY_LIMIT_USD", "abc");
    assertThatThrownBy(() -> load(null, Map.of()))
        .hasMessage("configuration: budget.daily-limit-usd = 'abc' (from environment "
            + "TASK_ORCHESTRATOR_BUDGET_DAILY_LIMIT_USD) is not allowed; expected a number");
    env.put("TASK_ORCHESTRATOR_BUDGET_DAILY_LIMIT_USD", "-1");
    assertThatThrownBy(() -> load(null, Map.of()))
        .hasMessageStartingWith("configuration: budget.daily-limit-usd = '-1' (from environment "
            + "TASK_ORCHESTRATOR_BUDGET_DAILY_LIMIT_USD) is not allowed; use a number from 0");
    env.put("TASK_ORCHESTRATOR_BUDGET_DAILY_LIMIT_USD", "2.5");
    assertThat(load(null, Map.of()).config().budget().dailyLimitUsd()).isEqualByComparingTo("2.5");
  }

  @Test
  void anEcosystemVariableWithABadValueIsNamed() throws IOException {
    env.put("OPENAI_BASE_URL", "localhost:11434");
    Path f = file("providers:\n  - { name: openai, type: openai }\n");
    assertThatThrownBy(() -> load(f, Map.of()))
        .hasMessage("configuration: environment variable OPENAI_BASE_URL = 'localhost:11434' (used by provider "
            + "'openai') is not allowed; give an http:// or https:// URL with a host");
    env.remove("OPENAI_BASE_URL");
    env.put("LANGFUSE_PUBLIC_KEY", "pk-lf-1");
    env.put("LANGFUSE_SECRET_KEY", "sk-lf-1");
    env.put("LANGFUSE_HOST", "cloud.langfuse.com");
    assertThatThrownBy(() -> load(null, Map.of()))
        .hasMessage("configuration: LANGFUSE_HOST: 'cloud.langfuse.com' is not an http(s) URL with a host");
  }

  @Test
  void anUnknownTaskOrchestratorVariableIsRefusedWithTheClosestName() {
    env.put("TASK_ORCHESTRATOR_BUDGET_DAILY_LIMIT", "5");
    assertThatThrownBy(() -> new ConfigLoader(env::get, env.keySet()).load(null, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("configuration: environment variable TASK_ORCHESTRATOR_BUDGET_DAILY_LIMIT is not a setting; "
            + "did you mean TASK_ORCHESTRATOR_BUDGET_DAILY_LIMIT_USD? (a key a.b-c is set by TASK_ORCHESTRATOR_A_B_C; "
            + "unset the variable or fix its name)");
    env.remove("TASK_ORCHESTRATOR_BUDGET_DAILY_LIMIT");
    env.put("TASK_ORCHESTRATOR_WHATEVER_ELSE_ENTIRELY", "1");
    assertThatThrownBy(() -> new ConfigLoader(env::get, env.keySet()).load(null, Map.of()))
        .hasMessageStartingWith("configuration: environment variable TASK_ORCHESTRATOR_WHATEVER_ELSE_ENTIRELY is "
            + "not a setting (a key");
    env.remove("TASK_ORCHESTRATOR_WHATEVER_ELSE_ENTIRELY");
    for (String fine : List.of("TASK_ORCHESTRATOR_CONFIG", "TASK_ORCHESTRATOR_JAVA_OPTS", "TASK_ORCHESTRATOR_AOT",
        "TASK_ORCHESTRATOR_JAR", "TASK_ORCHESTRATOR_DATA_DIR", "TASK_ORCHESTRATOR_TELEMETRY_CAPTURE_CONTENT",
        "TASK_ORCHESTRATOR_PATTERNS_HALF_LIFE")) {
      env.put(fine, fine.equals("TASK_ORCHESTRATOR_CONFIG") ? tmp.resolve("none.yaml").toString()
          : fine.endsWith("CONTENT") ? "false" : fine.endsWith("LIFE") ? "24h" : tmp.toString());
    }
    env.remove("TASK_ORCHESTRATOR_CONFIG");
    assertThat(new ConfigLoader(env::get, env.keySet()).load(null, Map.of()).config().patterns().halfLife())
        .isEqualTo(Duration.ofHours(24));
  }

  @Test
  void anUnknownProviderTypeListsTheTypes() throws IOException {
    Path f = file("providers:\n  - { name: g, type: gemini }\n");
    assertThatThrownBy(() -> load(f, Map.of()))
        .hasMessage("configuration: providers[0].type = 'gemini' (from " + f + ") is not allowed; expected one of "
            + "openai, anthropic, sampling");
    Path missing = file("providers:\n  - { name: g }\n");
    assertThatThrownBy(() -> load(missing, Map.of()))
        .hasMessage("configuration: providers[0].type is missing (from " + missing + "); it is required (openai, "
            + "anthropic or sampling)");
  }

  @Test
  void priceEntriesAreFullyCheckedAtLoad() throws IOException {
    Path unknownKey = file("budget:\n  prices:\n    - { model: m, input: 1, output: 2, outptu: 3 }\n");
    assertThatThrownBy(() -> load(unknownKey, Map.of()))
        .hasMessageStartingWith("configuration: unknown key 'budget.prices[0].outptu' (from " + unknownKey
            + "); allowed keys under 'budget.prices[0]': cache-write, cached-input, date, input, model, output, "
            + "pattern, provider, source");
    Path noOutput = file("budget:\n  prices:\n    - { model: m, input: 1 }\n");
    assertThatThrownBy(() -> load(noOutput, Map.of()))
        .hasMessage("configuration: budget.prices[0].output is missing (from " + noOutput + "); it is required "
            + "(USD per million tokens)");
    Path badPattern = file("budget:\n  prices:\n    - { model: m, pattern: 'gpt-(4', input: 1, output: 2 }\n");
    assertThatThrownBy(() -> load(badPattern, Map.of()))
        .hasMessageStartingWith("configuration: budget.prices[0].pattern = 'gpt-(4' (from " + badPattern
            + ") is not allowed; use a valid regular expression (Unclosed group");
    Path badDate = file("budget:\n  prices:\n    - { model: m, input: 1, output: 2, date: yesterday }\n");
    assertThatThrownBy(() -> load(badDate, Map.of()))
        .hasMessage("configuration: budget.prices[0].date = 'yesterday' (from " + badDate + ") is not allowed; "
            + "expected a date (YYYY-MM-DD)");
    Path noFallbackOutput = file("budget:\n  fallback-price: { input: 1 }\n");
    assertThatThrownBy(() -> load(noFallbackOutput, Map.of()))
        .hasMessageStartingWith("configuration: budget.fallback-price.output is missing");
    Path good = file("budget:\n  prices:\n    - { model: my-model, provider: openai, input: 0.5, output: 1.5, "
        + "cached-input: 0.1, source: contract, date: 2026-01-02 }\n");
    var table = load(good, Map.of()).config().budget().priceTable();
    assertThat(table.listedPrice("my-model")).get()
        .satisfies(p -> assertThat(p.output()).isEqualTo(dev.taskorchestrator.budget.Money.usd("1.5")));
  }

  @Test
  void aSecretPastedWhereAVariableNameGoesIsNotEchoed() throws IOException {
    Path f = file("providers:\n  - { name: o, type: openai, api-key-env: sk-proj-abcdef0123456789 }\n");
    assertThatThrownBy(() -> load(f, Map.of()))
        .hasMessage("configuration: providers[0].api-key-env (value not shown) (from " + f + ") is not allowed; "
            + "give the NAME of the environment variable that holds the key (letters, digits, _), not the key")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("abcdef"));
  }

  @Test
  void aNumberTooLargeForItsKeyIsOneLine() throws IOException {
    Path f = file("resilience:\n  retries: 99999999999\n");
    assertThatThrownBy(() -> load(f, Map.of()))
        .hasMessage("configuration: resilience.retries = '99999999999' (from " + f + ") is not allowed; expected a "
            + "whole number from -2147483648 to 2147483647");
  }

  @Test
  void keysThatMustFitTogetherNameTheOneThatWasSet() throws IOException {
    Path f = file("resilience:\n  base-delay: 2m\n");
    assertThatThrownBy(() -> load(f, Map.of()))
        .hasMessage("configuration: resilience.base-delay = '2m' (from " + f + ") is not allowed with "
            + "resilience.max-delay = '1m' (its default); max-delay must be a positive duration of base-delay (2m) "
            + "or more; change either");
    Path both = file("resilience:\n  base-delay: 2m\n  max-delay: 1m\n");
    assertThatThrownBy(() -> load(both, Map.of()))
        .hasMessage("configuration: resilience.max-delay = '1m' (from " + both + ") is not allowed; use a positive "
            + "duration of base-delay (2m) or more");
  }

  @Test
  void aFractionWhereAWholeNumberGoesIsRefusedNotRounded() throws IOException {
    Path f = file("server:\n  port: 80.5\n");
    assertThatThrownBy(() -> load(f, Map.of()))
        .hasMessage("configuration: server.port = '80.5' (from " + f + ") is not allowed; expected a whole number");
  }

  @Test
  void aConfigurationFromAPipeIsRead() throws IOException {
    Path fifo = tmp.resolve("fifo.yaml");
    org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start()
        .onExit().join().exitValue() == 0, "mkfifo is not available");
    Thread writer = Thread.ofVirtual().start(() -> {
      try {
        Files.writeString(fifo, "server:\n  port: 7300\n");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    assertThat(load(fifo, Map.of()).config().server().port()).isEqualTo(7300);
    writer.interrupt();
  }
}
