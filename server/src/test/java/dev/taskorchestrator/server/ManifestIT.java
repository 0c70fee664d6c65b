package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code mcp-manifest.json} at the repository root lists the tools exactly as the running server
 * answers {@code tools/list} (default configuration). When they drift this test fails and writes the
 * server's answer to {@code server/target/mcp-manifest.tools.json} to copy from.
 */
class ManifestIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path tmp;

  @Test
  @Timeout(60)
  void manifestToolsEqualWhatTheServerLists() throws Exception {
    List<String> cmd = ServerProcess.command("serve", "--data-dir", tmp.toString());
    var params = ServerParameters.builder(cmd.get(0)).args(cmd.subList(1, cmd.size()))
        .addEnvVar("HOME", tmp.toString()).build();
    List<McpSchema.Tool> tools;
    try (McpSyncClient client = McpClient.sync(new StdioClientTransport(params, McpJsonDefaults.getMapper()))
        .requestTimeout(Duration.ofSeconds(30)).build()) {
      client.initialize();
      tools = client.listTools().tools();
    }
    List<Map<String, Object>> listed = tools.stream().map(t -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", t.name());
      m.put("description", t.description());
      m.put("inputSchema", t.inputSchema());
      return m;
    }).toList();
    JsonNode actual = JSON.valueToTree(listed);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "mcp-manifest.tools.json"), JSON.writerWithDefaultPrettyPrinter()
        .writeValueAsString(actual));

    JsonNode manifest = JSON.readTree(Path.of("..", "mcp-manifest.json").toFile());
    assertThat(manifest.path("name").asString()).isEqualTo("task-orchestrator");
    assertThat(manifest.path("tools"))
        .as("mcp-manifest.json tools differ from tools/list; the server's answer is in "
            + "server/target/mcp-manifest.tools.json")
        .isEqualTo(actual);
  }
}
