package dev.taskorchestrator.agents;

import dev.taskorchestrator.resilience.ErrorClass;

/**
 * Why the model stopped, normalised across wire formats. Refusals and content-filter stops are not
 * here: they fail the call with {@link ErrorClass#CONTENT}.
 */
public enum FinishReason {
  /** Natural end (OpenAI {@code stop}, Anthropic {@code end_turn} / {@code stop_sequence}). */
  STOP,
  /** Output limit reached (OpenAI {@code length}, Anthropic {@code max_tokens} or context full). */
  LENGTH,
  /** The model wants tool results (OpenAI {@code tool_calls}, Anthropic {@code tool_use}). */
  TOOL_CALLS,
  /** Anything else (Anthropic {@code pause_turn}, a missing or unknown reason). */
  OTHER
}
