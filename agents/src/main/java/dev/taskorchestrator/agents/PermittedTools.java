package dev.taskorchestrator.agents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link ToolGateway} of one run over the configured downstream servers: it offers the tools the
 * archetype is permitted (minus any hidden ones) and checks the permission again on every call, so a
 * model naming a tool it was not offered is refused.
 */
public final class PermittedTools implements ToolGateway {

  /** Makes the actual call; the resilience layer wraps the servers' call here. */
  @FunctionalInterface
  public interface Caller {
    ToolResult call(DownstreamTool tool, Map<String, Object> arguments) throws ToolCallException;
  }

  private final Map<String, DownstreamTool> byName = new LinkedHashMap<>();
  private final ToolPermissions permissions;
  private final Set<String> hidden;
  private final Caller caller;

  public PermittedTools(List<DownstreamTool> available, ToolPermissions permissions, Set<String> hidden,
      Caller caller) {
    available.forEach(t -> byName.put(t.qualifiedName(), t));
    this.permissions = permissions;
    this.hidden = Set.copyOf(hidden);
    this.caller = caller;
  }

  @Override
  public List<ToolDefinition> offered() {
    return byName.values().stream()
        .filter(t -> !hidden.contains(t.qualifiedName()))
        .filter(t -> permissions.refusal(t.qualifiedName(), t.readOnly()).isEmpty())
        .map(t -> new ToolDefinition(t.qualifiedName(), t.description(), t.inputSchema()))
        .toList();
  }

  /** The qualified names offered, for results and pattern checks. */
  public List<String> offeredNames() {
    return offered().stream().map(ToolDefinition::name).toList();
  }

  @Override
  public ToolResult call(String qualifiedName, Map<String, Object> arguments) throws ToolCallException {
    DownstreamTool tool = byName.get(qualifiedName);
    if (tool == null) {
      return ToolResult.error("refused: there is no tool named " + qualifiedName + "; use one of the tools offered");
    }
    var refusal = permissions.refusal(qualifiedName, tool.readOnly());
    if (refusal.isPresent()) {
      return ToolResult.error("refused: " + refusal.get());
    }
    if (hidden.contains(qualifiedName)) {
      return ToolResult.error("refused: tool " + qualifiedName + " is withheld for this run (its circuit is open)");
    }
    return caller.call(tool, arguments);
  }
}
