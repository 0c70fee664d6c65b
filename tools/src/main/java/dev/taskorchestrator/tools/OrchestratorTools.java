package dev.taskorchestrator.tools;

import dev.taskorchestrator.orchestrator.Orchestrator;
import java.util.List;

/** The MCP surface of an {@link Orchestrator}: its tools, prompts and resources. */
public final class OrchestratorTools {

  private OrchestratorTools() {}

  public static McpFeatures features(Orchestrator orchestrator, InFlight inFlight) {
    ToolCalls calls = new ToolCalls(inFlight);
    return new McpFeatures(new SpawnTools(orchestrator, calls).specifications(), List.of(), List.of(),
        ArchetypePrompts.of(orchestrator.archetypes()), List.of());
  }
}
