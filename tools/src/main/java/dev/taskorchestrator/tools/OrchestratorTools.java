package dev.taskorchestrator.tools;

import dev.taskorchestrator.agents.Archetypes;
import io.modelcontextprotocol.server.McpServerFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The MCP surface of the orchestrator: its tools, prompts and resources. */
public final class OrchestratorTools {

  private OrchestratorTools() {}

  /**
   * @param archetypes what the spawn tool offers and the prompts are made of
   * @param backend blocks until the orchestrator and its stores have started; throws when they could not
   */
  public static McpFeatures features(Archetypes archetypes, Supplier<Backend> backend, InFlight inFlight) {
    ToolCalls calls = new ToolCalls(inFlight, backend);
    List<McpServerFeatures.SyncToolSpecification> tools = new ArrayList<>(new SpawnTools(archetypes, calls).specifications());
    tools.addAll(new BudgetTools(calls).specifications());
    PatternTools patternTools = new PatternTools(calls);
    tools.addAll(patternTools.specifications());
    tools.add(new CircuitTools(calls).specification());
    tools.add(new TraceTools(calls).specification());
    return new McpFeatures(tools, List.of(), List.of(patternTools.resource()), ArchetypePrompts.of(archetypes),
        List.of());
  }
}
