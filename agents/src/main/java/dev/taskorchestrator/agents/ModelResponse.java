package dev.taskorchestrator.agents;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * A successful model answer.
 *
 * @param provider the configured name of the provider that answered
 * @param model the model that answered, as the provider reports it (else the model requested)
 * @param text the answer text; empty when the model only called tools
 * @param toolCalls the tools the model wants called, with caller-side names
 * @param usage the token usage
 * @param latency wall time of the HTTP exchange
 * @param finishReason why the model stopped
 */
public record ModelResponse(
    String provider,
    String model,
    String text,
    List<ToolCall> toolCalls,
    ModelUsage usage,
    Duration latency,
    FinishReason finishReason) {

  public ModelResponse {
    requireNonNull(provider, "provider is null");
    requireNonNull(model, "model is null");
    text = text == null ? "" : text;
    toolCalls = List.copyOf(requireNonNull(toolCalls, "toolCalls is null"));
    requireNonNull(usage, "usage is null");
    requireNonNull(latency, "latency is null");
    requireNonNull(finishReason, "finishReason is null");
  }

  /** Whether the model asked for tool calls. */
  public boolean hasToolCalls() {
    return !toolCalls.isEmpty();
  }
}
