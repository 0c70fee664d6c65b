package dev.taskorchestrator.agents;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.stream.Collectors;

/** Turns MCP tool content into the text a model reads. */
final class ToolContent {

  private ToolContent() {}

  static String text(List<McpSchema.Content> content, Object structured) {
    if ((content == null || content.isEmpty()) && structured != null) {
      return String.valueOf(structured);
    }
    if (content == null) {
      return "";
    }
    return content.stream().map(ToolContent::one).collect(Collectors.joining("\n"));
  }

  private static String one(McpSchema.Content c) {
    return switch (c) {
      case McpSchema.TextContent t -> t.text();
      case McpSchema.ImageContent i -> "[image " + i.mimeType() + ", " + i.data().length() + " base64 chars]";
      case McpSchema.AudioContent a -> "[audio " + a.mimeType() + "]";
      case McpSchema.EmbeddedResource r -> r.resource() instanceof McpSchema.TextResourceContents t
          ? t.text() : "[resource " + r.resource().uri() + "]";
      case McpSchema.ResourceLink l -> "[resource link " + l.uri() + "]";
      default -> "[" + c.type() + " content]";
    };
  }
}
