package dev.taskorchestrator.tools;

import dev.taskorchestrator.agents.Archetype;
import dev.taskorchestrator.agents.Archetypes;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/**
 * Each archetype's instructions as an MCP prompt, so a user can run the same specialist in their own
 * assistant (for example as a slash command).
 */
final class ArchetypePrompts {

  private ArchetypePrompts() {}

  static List<McpServerFeatures.SyncPromptSpecification> of(Archetypes archetypes) {
    return archetypes.all().stream().map(ArchetypePrompts::prompt).toList();
  }

  private static McpServerFeatures.SyncPromptSpecification prompt(Archetype a) {
    McpSchema.Prompt prompt = McpSchema.Prompt.builder(a.name())
        .title(a.name())
        .description(a.description())
        .arguments(List.of(
            McpSchema.PromptArgument.builder("task").description("what to do").required(true).build(),
            McpSchema.PromptArgument.builder("context").description("material to work from").required(false).build()))
        .build();
    return new McpServerFeatures.SyncPromptSpecification(prompt, (exchange, request) -> {
      Object task = request.arguments() == null ? null : request.arguments().get("task");
      Object context = request.arguments() == null ? null : request.arguments().get("context");
      String text = a.systemPrompt() + "\n\nTask: " + (task == null ? "(none given)" : task)
          + (context == null ? "" : "\n\n<context>\n" + context + "\n</context>");
      return new McpSchema.GetPromptResult(a.description(), List.of(
          new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent(text))));
    });
  }
}
