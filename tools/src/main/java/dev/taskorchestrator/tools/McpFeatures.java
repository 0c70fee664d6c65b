package dev.taskorchestrator.tools;

import io.modelcontextprotocol.server.McpServerFeatures;
import java.util.List;

/** The MCP features (tools, resources, prompts, completions) one server exposes. */
public record McpFeatures(
    List<McpServerFeatures.SyncToolSpecification> tools,
    List<McpServerFeatures.SyncResourceSpecification> resources,
    List<McpServerFeatures.SyncResourceTemplateSpecification> resourceTemplates,
    List<McpServerFeatures.SyncPromptSpecification> prompts,
    List<McpServerFeatures.SyncCompletionSpecification> completions) {

  public McpFeatures {
    tools = List.copyOf(tools);
    resources = List.copyOf(resources);
    resourceTemplates = List.copyOf(resourceTemplates);
    prompts = List.copyOf(prompts);
    completions = List.copyOf(completions);
  }

  public static McpFeatures none() {
    return new McpFeatures(List.of(), List.of(), List.of(), List.of(), List.of());
  }
}
