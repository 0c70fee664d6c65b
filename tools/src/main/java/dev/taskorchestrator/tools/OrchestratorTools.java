package dev.taskorchestrator.tools;

import dev.taskorchestrator.budget.BudgetGuard;
import dev.taskorchestrator.orchestrator.Orchestrator;
import dev.taskorchestrator.patterns.PatternStore;
import dev.taskorchestrator.telemetry.Telemetry;
import io.modelcontextprotocol.server.McpServerFeatures;
import java.util.ArrayList;
import java.util.List;

/** The MCP surface of an {@link Orchestrator}: its tools, prompts and resources. */
public final class OrchestratorTools {

  private OrchestratorTools() {}

  public static McpFeatures features(Orchestrator orchestrator, BudgetGuard budget, PatternStore patterns,
      InFlight inFlight, Telemetry telemetry) {
    ToolCalls calls = new ToolCalls(inFlight, telemetry);
    List<McpServerFeatures.SyncToolSpecification> tools = new ArrayList<>(new SpawnTools(orchestrator, calls).specifications());
    tools.addAll(new BudgetTools(budget, calls).specifications());
    PatternTools patternTools = new PatternTools(patterns, calls);
    tools.addAll(patternTools.specifications());
    tools.add(new CircuitTools(orchestrator.breakers(), calls).specification());
    tools.add(new TraceTools(telemetry, calls).specification());
    return new McpFeatures(tools, List.of(), List.of(patternTools.resource()),
        ArchetypePrompts.of(orchestrator.archetypes()), List.of());
  }
}
