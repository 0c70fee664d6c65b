package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import dev.taskorchestrator.agents.testing.FakeOpenAiServer.Call;
import dev.taskorchestrator.agents.testing.RecordedRequest;
import dev.taskorchestrator.agents.testing.TestToolServer;
import dev.taskorchestrator.redaction.testing.SecretSample;
import dev.taskorchestrator.telemetry.testing.FakeLangfuse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built jar over stdio at {@code logging.level: debug}, exporting to a fake Langfuse, with a provider
 * chain whose first provider ({@code echo}) fails echoing what it is given and whose second ({@code fake})
 * answers, and the test tool server as {@code files}. Each secret sample is put through every output path:
 * taught with {@code record_pattern} (its error text and advice), echoed in a provider's error body and in a
 * tool's error (both learned as patterns), and in a model's answer (the spawn result). The secrets the server
 * knows only from its configuration are set here.
 */
final class SecretScenario {

  /** The providers' key, in a variable whose name does not say "secret": known only through api-key-env. */
  static final String PROVIDER_KEY_ENV = "FAKE_UPSTREAM_ID";
  static final String PROVIDER_KEY = "zq76HDJY15WJzIa2GxA5jbvYeHRNrtotxY";
  static final String LANGFUSE_PUBLIC = "pk-lf-redaction-it";
  static final String LANGFUSE_SECRET = "lfsec-ArZGVzHfXRRc3sP9xSswfPh0ch";
  /** The HTTP bearer token, in a variable known only through server.token-env. */
  static final String TOKEN_ENV = "TO_BEARER";
  static final String TOKEN = "42d44ab55bb7c0f49ecea5809dd650dbb93dfbdb";
  static final String TOOL_ENV_SECRET = "te_ucKtI3HNJ5atN3Jui71d6up7IQYT5n";
  static final String CUSTOM_PATTERN = "ACME-[0-9]{6}";

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** The common shapes, and the secrets this scenario's configuration makes known. */
  static List<SecretSample> samples() {
    List<SecretSample> all = new ArrayList<>(SecretSample.shapes());
    all.add(SecretSample.of("configured_provider_key", PROVIDER_KEY));
    String lessOne = PROVIDER_KEY.substring(0, PROVIDER_KEY.length() - 1);
    all.add(new SecretSample("provider_key_minus_last_char", "Incorrect API key provided: " + lessOne + ".",
        List.of(lessOne)));
    all.add(SecretSample.of("provider_key_minus_first_chars", "***" + PROVIDER_KEY.substring(6)));
    all.add(SecretSample.of("langfuse_secret_key", LANGFUSE_SECRET));
    all.add(SecretSample.of("http_bearer_token", TOKEN));
    all.add(SecretSample.of("tool_server_env_secret", TOOL_ENV_SECRET));
    all.add(SecretSample.of("telemetry_secret_pattern", "ACME-271828"));
    return all;
  }

  /** What one sample left in the outputs that belong to it. */
  record Outputs(String recorded, String queriedTaught, String adviceRequests, String learnedFromProvider,
      String learnedFromTool, String spawnResults) {}

  final Path dir;
  final FakeOpenAiServer echo = FakeOpenAiServer.start();
  final FakeOpenAiServer fake = FakeOpenAiServer.start();
  final FakeLangfuse langfuse;
  final OrchestratorProcess server;
  final List<String> traceIds = new ArrayList<>();

  SecretScenario(Path dir) throws IOException {
    this.dir = dir;
    this.langfuse = new FakeLangfuse(LANGFUSE_PUBLIC, LANGFUSE_SECRET);
    this.server = OrchestratorProcess.start(writeConfig(), Map.of(PROVIDER_KEY_ENV, PROVIDER_KEY,
        "LANGFUSE_PUBLIC_KEY", LANGFUSE_PUBLIC, "LANGFUSE_SECRET_KEY", LANGFUSE_SECRET,
        "LANGFUSE_HOST", langfuse.baseUrl(), TOKEN_ENV, TOKEN));
  }

  /**
   * One cell of the table: the path carried the sample's case (so the check cannot pass on an empty output),
   * and neither any of its secrets nor their first 8 characters survive in it.
   */
  static void assertCarriedWithoutTheSecret(String text, Object path, SecretSample sample, String marker) {
    assertThat(text).as("%s carried case %s", path, marker).contains(marker);
    for (String core : sample.cores()) {
      assertThat(text).as("%s through %s", sample.name(), path).doesNotContain(core)
          .doesNotContain(core.substring(0, Math.min(8, core.length())));
    }
  }

  /** "case07": a word the normaliser keeps, unique to the sample, to find what belongs to it. */
  static String marker(int i) {
    return "case%02d".formatted(i);
  }

  Outputs run(int i, SecretSample sample) {
    String m = marker(i);
    String text = sample.text();
    String words = m + " w" + m + " x" + m;
    Map<String, Object> recorded = server.call("record_pattern", Map.of("target", "archetype:researcher",
        "error_text", words + " failed: " + text, "action", "instruction", "advice", m + " advice: rotate " + text));

    int echoSeen = echo.requests().size();
    int fakeSeen = fake.requests().size();
    echo.enqueue(FakeOpenAiServer.error(503, "server_error", m + " upstream said: " + text, null));
    fake.enqueue(FakeOpenAiServer.text(m + " answer: " + text, 30, 10, 0));
    Map<String, Object> advised = server.call("spawn_archetype_agent",
        Map.of("archetype", "researcher", "task", words + " please"));
    String adviceRequests = bodies(echo.requests().subList(echoSeen, echo.requests().size()))
        + bodies(fake.requests().subList(fakeSeen, fake.requests().size()));

    fake.enqueue(FakeOpenAiServer.toolCalls(new Call("t" + i, "files__echo_error",
            JSON.writeValueAsString(Map.of("name", m + " tool said: " + text)))),
        FakeOpenAiServer.text(m + " done", 30, 5, 0));
    Map<String, Object> tooled = server.call("spawn_archetype_agent",
        Map.of("archetype", "researcher", "task", m + " check the tool"));
    traceIds.add((String) advised.get("trace_id"));
    traceIds.add((String) tooled.get("trace_id"));

    return new Outputs(JSON.writeValueAsString(recorded), patternsWith(m, "archetype:researcher"), adviceRequests,
        patternsWith(m + " upstream said", "provider:echo/gpt-echo"),
        patternsWith(m + " tool said", "tool:files.echo_error"), JSON.writeValueAsString(List.of(advised, tooled)));
  }

  /**
   * Issue 12 §7: a provider refuses the key with a 401 whose body quotes the key minus its last character, as
   * OpenAI's does; the chain falls over to the next provider.
   */
  Map<String, Object> refusedKeyEchoedInA401() {
    String lessOne = PROVIDER_KEY.substring(0, PROVIDER_KEY.length() - 1);
    echo.enqueue(FakeOpenAiServer.error(401, "invalid_request_error", "Incorrect API key provided: " + lessOne
        + ". You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_api_key"));
    fake.enqueue(FakeOpenAiServer.text("answered after the 401", 20, 5, 0));
    return server.call("spawn_archetype_agent", Map.of("archetype", "researcher", "task", "after a refused key"));
  }

  /** The patterns of {@code target} whose example holds {@code marker}, as JSON; empty when there is none. */
  @SuppressWarnings("unchecked")
  private String patternsWith(String marker, String target) {
    List<Map<String, Object>> patterns = (List<Map<String, Object>>) server.call("query_patterns",
        Map.of("target", target, "limit", 100)).get("patterns");
    return JSON.writeValueAsString(patterns.stream()
        .filter(p -> String.valueOf(p.get("example")).contains(marker)).toList());
  }

  private static String bodies(List<RecordedRequest> requests) {
    StringBuilder out = new StringBuilder();
    requests.forEach(r -> out.append(r.body()).append('\n'));
    return out.toString();
  }

  /** Everything the fake Langfuse received (OTLP protobuf and score JSON), as text. */
  String exported() {
    StringBuilder out = new StringBuilder();
    langfuse.requests.forEach(r -> out.append(new String(r.body(), StandardCharsets.UTF_8)).append('\n'));
    return out.toString();
  }

  /** Every byte of every file in the data directory (database, WAL), as Latin-1 text. */
  String databaseBytes() throws IOException {
    StringBuilder out = new StringBuilder();
    try (var files = Files.walk(dir.resolve("data"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    return out.toString();
  }

  String stderr() {
    return String.join("\n", server.stderr);
  }

  void close() {
    server.close();
    echo.close();
    fake.close();
    langfuse.close();
  }

  private Path writeConfig() throws IOException {
    StringBuilder y = new StringBuilder();
    y.append("data-dir: ").append(quote(dir.resolve("data").toString())).append('\n');
    y.append("logging:\n  level: debug\n");
    y.append("server:\n  token-env: ").append(TOKEN_ENV).append('\n');
    y.append("providers:\n");
    for (var p : List.of(List.of("echo", echo.baseUrl(), "gpt-echo"), List.of("fake", fake.baseUrl(), "gpt-fake"))) {
      y.append("  - name: ").append(p.get(0)).append("\n    type: openai\n    base-url: ").append(quote(p.get(1)))
          .append("\n    api-key-env: ").append(PROVIDER_KEY_ENV).append("\n    models: [").append(p.get(2)).append("]\n");
    }
    y.append("tool-servers:\n  files:\n    command: ").append(quote(TestToolServer.javaCommand())).append("\n    args:\n");
    for (String a : TestToolServer.args()) {
      y.append("      - ").append(quote(a)).append('\n');
    }
    y.append("    env:\n      ").append(TestToolServer.LOG_ENV).append(": ").append(quote(dir.resolve("calls.log").toString()))
        .append("\n      FILES_API_TOKEN: ").append(TOOL_ENV_SECRET).append('\n');
    // No retries and breakers that never open: every sample meets the echoing provider and tool afresh.
    y.append("""
        budget:
          prices:
            - { model: gpt-echo, input: 1, output: 10 }
            - { model: gpt-fake, input: 1, output: 10 }
        resilience:
          retries: 0
          failures-to-open: 100000
          window-size: 100
          minimum-calls: 100
          failure-rate-percent: 100
        telemetry:
          secret-patterns: ["%s"]
        """.formatted(CUSTOM_PATTERN));
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, y.toString());
    return file;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
