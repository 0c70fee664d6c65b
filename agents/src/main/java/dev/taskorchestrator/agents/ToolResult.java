package dev.taskorchestrator.agents;

/**
 * What a tool call gave back to the model.
 *
 * @param text the tool's content as text (non-text content is described, not inlined)
 * @param error whether the tool (or the orchestrator on its behalf) reported an error
 */
public record ToolResult(String text, boolean error) {

  public static ToolResult ok(String text) {
    return new ToolResult(text, false);
  }

  public static ToolResult error(String text) {
    return new ToolResult(text, true);
  }
}
