package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.redaction.testing.SecretSample;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same secrets over Streamable HTTP, with the bearer token required and logging at debug: what
 * {@code record_pattern} and {@code query_patterns} answer and what stderr shows hold none of them, the
 * token included (every request carries it).
 */
class SecretRedactionOverHttpIT {

  enum OutputPath { RECORD_PATTERN_RESULT, QUERY_PATTERNS_RESULT, STDERR_AT_DEBUG }

  @TempDir static Path dir;
  static ServerProcess server;
  static McpSyncClient client;
  static final Map<String, Map<OutputPath, String>> outputs = new LinkedHashMap<>();
  static String stderr;
  static int wrongTokenStatus;
  static String wrongTokenBody;

  @BeforeAll
  static void start() throws Exception {
    Path config = Files.writeString(dir.resolve("config.yaml"), "logging:\n  level: debug\n");
    server = ServerProcess.http(dir.resolve("data"), Map.of("HOME", dir.toString(), SecretScenario.TOKEN_ENV,
        SecretScenario.TOKEN), "--token-env", SecretScenario.TOKEN_ENV, "--config", config.toString());
    URI url = URI.create(server.awaitUrl(Duration.ofSeconds(30)));
    client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://" + url.getAuthority())
            .endpoint(url.getPath())
            .httpRequestCustomizer((b, method, uri, body, ctx) -> b.header("Authorization", "Bearer " + SecretScenario.TOKEN))
            .build())
        .requestTimeout(Duration.ofSeconds(30)).build();
    client.initialize();
    List<SecretSample> samples = samples();
    for (int i = 0; i < samples.size(); i++) {
      String m = SecretScenario.marker(i);
      Object recorded = call("record_pattern", Map.of("target", "tool:files.search", "error_text",
          m + " search failed: " + samples.get(i).text(), "action", "instruction", "advice", m + " retry later"));
      Object queried = call("query_patterns", Map.of("query", m));
      outputs.put(samples.get(i).name(), new java.util.EnumMap<>(Map.of(OutputPath.RECORD_PATTERN_RESULT,
          SecretScenario.JSON.writeValueAsString(recorded), OutputPath.QUERY_PATTERNS_RESULT,
          SecretScenario.JSON.writeValueAsString(queried))));
    }
    HttpResponse<String> wrong = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
        .header("Authorization", "Bearer " + SecretScenario.TOKEN.substring(0, 30) + "0000000000")
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    wrongTokenStatus = wrong.statusCode();
    wrongTokenBody = wrong.body() + wrong.headers().map();
    client.closeGracefully();
    server.close();
    stderr = String.join("\n", server.stderr);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (server != null) {
      server.close();
    }
  }

  /** The common shapes and the token itself. */
  static List<SecretSample> samples() {
    List<SecretSample> all = new ArrayList<>(SecretSample.shapes());
    all.add(SecretSample.of("http_bearer_token", SecretScenario.TOKEN));
    return all;
  }

  private static Object call(String tool, Map<String, Object> args) {
    McpSchema.CallToolResult r = client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(args).build());
    assertThat(r.isError()).as("%s: %s", tool, r.content()).isNotEqualTo(Boolean.TRUE);
    return r.structuredContent();
  }

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    List<SecretSample> samples = samples();
    for (int i = 0; i < samples.size(); i++) {
      for (OutputPath p : OutputPath.values()) {
        cells.add(Arguments.of(samples.get(i), p, SecretScenario.marker(i)));
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{0} through {1}")
  @MethodSource("cells")
  void noSecretSurvivesThePath(SecretSample sample, OutputPath path, String marker) {
    SecretScenario.assertCarriedWithoutTheSecret(
        path == OutputPath.STDERR_AT_DEBUG ? stderr : outputs.get(sample.name()).get(path), path, sample, marker);
  }

  @Test
  void aWrongTokenIsRefusedWithoutEchoingWhatWasSent() {
    assertThat(wrongTokenStatus).isEqualTo(401);
    assertThat(wrongTokenBody).doesNotContain(SecretScenario.TOKEN.substring(0, 8));
    assertThat(stderr).contains("[DEBUG]").doesNotContain(SecretScenario.TOKEN.substring(0, 8));
  }
}
