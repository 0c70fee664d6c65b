package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Java SDK's own client against the built jar, over stdio (child process) and Streamable HTTP. */
class JavaSdkClientIT {

  @TempDir Path tmp;

  private static void exercise(McpClientTransport transport) {
    try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build()) {
      McpSchema.InitializeResult init = client.initialize();
      assertThat(init.serverInfo().name()).isEqualTo("task-orchestrator");
      assertThat(init.capabilities().tools()).isNotNull();
      assertThat(init.capabilities().logging()).isNotNull();
      assertThat(client.ping()).isNotNull();
      assertThat(client.listTools().tools()).isNotNull();
      client.setLoggingLevel(McpSchema.LoggingLevel.WARNING);
      assertThat(client.ping()).isNotNull();
    }
  }

  @Test
  @Timeout(60)
  void stdioChildProcessAnswersInitializePingToolsListAndSetLevel() {
    List<String> cmd = ServerProcess.command("serve", "--data-dir", tmp.toString());
    var params = ServerParameters.builder(cmd.get(0)).args(cmd.subList(1, cmd.size()))
        .addEnvVar("HOME", tmp.toString()).build();
    var transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
    List<String> stderr = new CopyOnWriteArrayList<>();
    transport.setStdErrorHandler(stderr::add);
    exercise(transport);
    assertThat(stderr).noneMatch(Leaks::leaks);
  }

  @Test
  @Timeout(60)
  void streamableHttpAnswersInitializePingToolsListAndSetLevel() throws Exception {
    try (ServerProcess server = ServerProcess.http(tmp, Map.of("HOME", tmp.toString()))) {
      URI url = URI.create(server.awaitUrl(Duration.ofSeconds(30)));
      var transport = HttpClientStreamableHttpTransport.builder("http://" + url.getAuthority())
          .endpoint(url.getPath()).build();
      exercise(transport);
      assertThat(server.leakyStderr()).isEmpty();
    }
  }

  @Test
  @Timeout(60)
  void streamableHttpWithTokenWorksWhenTheClientSendsIt() throws Exception {
    try (ServerProcess server = ServerProcess.http(tmp, Map.of("HOME", tmp.toString(), "ORCH_TOKEN", "s3cret-t0ken"),
        "--token-env", "ORCH_TOKEN")) {
      URI url = URI.create(server.awaitUrl(Duration.ofSeconds(30)));
      var transport = HttpClientStreamableHttpTransport.builder("http://" + url.getAuthority())
          .endpoint(url.getPath())
          .httpRequestCustomizer((b, method, uri, body, ctx) -> b.header("Authorization", "Bearer s3cret-t0ken"))
          .build();
      exercise(transport);
    }
  }
}
