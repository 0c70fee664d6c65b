package dev.taskorchestrator.agents;

import static java.util.Objects.requireNonNull;

/**
 * The result of a tool call, sent back on the next turn.
 *
 * @param toolCallId the {@link ToolCall#id()} this answers
 * @param toolName the tool's caller-side name ({@code server.tool})
 * @param content the result text (JSON or prose)
 * @param isError whether the tool failed; Anthropic carries it as {@code is_error}, OpenAI has no
 *     such field so the content is prefixed with {@code "ERROR: "}
 */
public record ToolResultMessage(String toolCallId, String toolName, String content, boolean isError)
    implements Message {
  public ToolResultMessage {
    requireNonNull(toolCallId, "toolCallId is null");
    requireNonNull(toolName, "toolName is null");
    requireNonNull(content, "content is null");
  }
}
