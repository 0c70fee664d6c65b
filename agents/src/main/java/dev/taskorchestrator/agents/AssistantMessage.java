package dev.taskorchestrator.agents;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An earlier answer of the model, replayed as history: its text (may be empty) and the tool calls
 * it asked for. Tool calls keep the callers' names ({@code server.tool}); providers map them to
 * wire-safe names themselves.
 */
public record AssistantMessage(String text, List<ToolCall> toolCalls) implements Message {
  public AssistantMessage {
    text = text == null ? "" : text;
    toolCalls = List.copyOf(requireNonNull(toolCalls, "toolCalls is null"));
  }

  /** An answer made of text only. */
  public static AssistantMessage of(String text) {
    return new AssistantMessage(text, List.of());
  }

  /** Replays a model response as history for the next turn. */
  public static AssistantMessage from(ModelResponse response) {
    return new AssistantMessage(response.text(), response.toolCalls());
  }
}
