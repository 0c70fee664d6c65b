package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code Main.run serve} on a thread, spoken to by the Java SDK's client over in-process pipes. */
class InProcessStdioTest {

  @TempDir Path tmp;

  @Test
  @Timeout(60)
  void javaSdkClientInitializesPingsListsToolsAndSetsTheLogLevelThenStdinEofEndsWithStatus0()
      throws Exception {
    Pipe toServer = Pipe.open();
    Pipe toClient = Pipe.open();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> env = Map.of("HOME", tmp.toString());
    String[] args = {"serve", "--data-dir", tmp.resolve("data").toString()};
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.run(args, env::get,
        Channels.newInputStream(toServer.source()),
        new PrintStream(Channels.newOutputStream(toClient.sink()), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), serve -> {}));

    var transport = new PipedClientTransport(McpJsonDefaults.getMapper(),
        Channels.newInputStream(toClient.source()), Channels.newOutputStream(toServer.sink()));
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();

    McpSchema.InitializeResult init = client.initialize();
    assertThat(init.serverInfo().name()).isEqualTo("task-orchestrator");
    assertThat(init.protocolVersion()).isEqualTo("2025-11-25");
    assertThat(init.capabilities().tools()).isNotNull();
    assertThat(init.capabilities().logging()).isNotNull();
    assertThat(init.instructions()).contains("sub-agents");
    assertThat(client.ping()).isNotNull();
    assertThat(client.listTools().tools()).isNotNull();
    client.setLoggingLevel(McpSchema.LoggingLevel.DEBUG);
    assertThat(client.ping()).isNotNull();

    client.closeGracefully();
    assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(tmp.resolve("data").resolve("task-orchestrator.db")).exists();
  }

  @Test
  @Timeout(60)
  void answersPingAndRefusesOtherRequestsSentBeforeInitializeSoStdinEofStopsWithoutWaiting()
      throws Exception {
    String lines = """
        {"jsonrpc":"2.0","id":1,"method":"ping"}
        {"jsonrpc":"2.0","id":"early","method":"tools/list"}
        """;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> env = Map.of("HOME", tmp.toString());
    String[] args = {"serve", "--data-dir", tmp.resolve("data").toString()};
    int status = Main.run(args, env::get, new java.io.ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        serve -> {});

    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":\"early\",\"error\":{\"code\":-32600,\"message\":"
            + "\"Invalid Request: the session is not initialized; send \\\"initialize\\\" first\"}}");
    assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("unanswered");
  }

  @Test
  @Timeout(60)
  void initializeIsAnsweredOnceWithTheNegotiatedVersionThoughItIsAnsweredBeforeTheServerRuns()
      throws Exception {
    String lines = """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},\
        "clientInfo":{"name":"t","version":"1"}}}
        {"jsonrpc":"2.0","method":"notifications/initialized"}
        {"jsonrpc":"2.0","id":2,"method":"ping"}
        """;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Map<String, String> env = Map.of("HOME", tmp.toString());
    String[] args = {"serve", "--data-dir", tmp.resolve("data").toString()};
    int status = Main.run(args, env::get, new java.io.ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
        serve -> {});

    assertThat(status).isZero();
    var json = tools.jackson.databind.json.JsonMapper.builder().build();
    var answers = out.toString(StandardCharsets.UTF_8).lines().map(json::readTree).toList();
    assertThat(answers).hasSize(2);
    assertThat(answers.get(0).path("id").asInt()).isEqualTo(1);
    assertThat(answers.get(0).path("result").path("protocolVersion").asString()).isEqualTo("2025-06-18");
    assertThat(answers.get(0).path("result").path("serverInfo").path("name").asString()).isEqualTo("task-orchestrator");
    assertThat(answers.get(0).path("result").path("capabilities").has("tools")).isTrue();
    assertThat(answers.get(1).path("id").asInt()).isEqualTo(2);
    assertThat(answers.get(1).has("result")).isTrue();
  }
}
