package dev.taskorchestrator.agents;

import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import dev.taskorchestrator.agents.testing.TestToolServer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** Runs the agent loop against a fake OpenAI server and the {@link TestToolServer} (server name {@code notes}). */
final class LoopHarness implements AutoCloseable {

  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  final McpToolServers servers;
  final Path callLog;

  LoopHarness(Path dir) {
    callLog = dir.resolve("calls.log");
    servers = new McpToolServers(Map.of("notes", TestToolServer.stdio(callLog)), McpJsonDefaults.getMapper());
    // Start the child process now, so tests time tool calls, not JVM start-up.
    if (servers.tools().isEmpty()) {
      throw new IllegalStateException("the test tool server did not start: " + servers.problems());
    }
  }

  static Archetype builtIn(String name) {
    return Archetypes.builtIn().find(name).orElseThrow();
  }

  static ModelProvider provider(FakeOpenAiServer fake) {
    ProviderConfig config = ProviderConfig.of("fake", ProviderType.OPENAI).withBaseUrl(fake.baseUrl())
        .withModels(List.of("gpt-fake")).withApiKeyEnv("FAKE_KEY");
    return Providers.create(config, Map.of("FAKE_KEY", "sk-test")::get, HTTP);
  }

  PermittedTools tools(Archetype archetype) {
    return new PermittedTools(servers.tools(), archetype.permissions(), Set.of(), servers::call);
  }

  AgentOutcome run(Archetype archetype, FakeOpenAiServer fake) {
    return run(archetype, provider(fake)::call, () -> false);
  }

  AgentOutcome run(Archetype archetype, ModelGateway models, BooleanSupplier cancelled) {
    return new AgentLoop(Clock.systemUTC()).run(new AgentRequest(archetype, "do the task", "", null, null, null),
        models, tools(archetype), AgentObserver.NONE, cancelled);
  }

  @Override
  public void close() {
    servers.close();
  }
}
