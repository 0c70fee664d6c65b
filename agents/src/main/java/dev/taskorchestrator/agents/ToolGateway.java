package dev.taskorchestrator.agents;

import java.util.List;
import java.util.Map;

/** The downstream tools one run may see and call; permission checks happen in {@link #call}. */
public interface ToolGateway {

  /** The tools offered to the model (named {@code server.tool}). */
  List<ToolDefinition> offered();

  /**
   * Calls a tool. A refusal (not permitted, unknown) or a tool-reported error comes back as an error
   * result the model reads; a call that produced nothing throws.
   */
  ToolResult call(String qualifiedName, Map<String, Object> arguments) throws ToolCallException;

  static ToolGateway none() {
    return new ToolGateway() {
      @Override
      public List<ToolDefinition> offered() {
        return List.of();
      }

      @Override
      public ToolResult call(String name, Map<String, Object> arguments) {
        return ToolResult.error("no tools are available to this agent");
      }
    };
  }
}
