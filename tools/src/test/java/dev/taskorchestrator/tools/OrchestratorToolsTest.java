package dev.taskorchestrator.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.agents.Archetypes;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class OrchestratorToolsTest {

  private final AtomicInteger asked = new AtomicInteger();
  private final Supplier<Backend> failedToStart = () -> {
    asked.incrementAndGet();
    throw new IllegalStateException("the server did not start: database is newer than this build");
  };

  @Test
  void toolsAndPromptsAreDescribedWithoutTheBackend() {
    McpFeatures features = OrchestratorTools.features(Archetypes.builtIn(), failedToStart, new InFlight());

    assertThat(features.tools()).extracting(t -> t.tool().name()).contains("spawn_archetype_agent",
        "check_budget", "query_patterns", "circuit_status", "inspect_trace");
    assertThat(features.prompts()).hasSize(Archetypes.builtIn().names().size());
    assertThat(asked).hasValue(0);
  }

  @Test
  void aCallWhenTheBackendDidNotStartIsAnErrorResultAndLeavesNothingInFlight() {
    InFlight inFlight = new InFlight();
    McpFeatures features = OrchestratorTools.features(Archetypes.builtIn(), failedToStart, inFlight);
    McpServerFeatures.SyncToolSpecification check = features.tools().stream()
        .filter(t -> t.tool().name().equals("check_budget")).findFirst().orElseThrow();

    McpSchema.CallToolResult result = check.callHandler().apply(null,
        McpSchema.CallToolRequest.builder("check_budget").arguments(Map.of()).build());

    assertThat(result.isError()).isTrue();
    assertThat(((McpSchema.TextContent) result.content().getFirst()).text())
        .isEqualTo("the server did not start, so check_budget cannot run; its log says why");
    assertThat(inFlight.count()).isZero();
    assertThat(asked).hasValue(1);
  }
}
