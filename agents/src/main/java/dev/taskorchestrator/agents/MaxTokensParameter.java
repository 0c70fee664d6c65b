package dev.taskorchestrator.agents;

import java.util.Locale;

/**
 * Which field carries the output limit on the OpenAI wire ({@code max-tokens-parameter:}).
 * OpenAI deprecated {@code max_tokens} and its reasoning models reject it, while some compatible
 * servers (older Ollama, LM Studio, some gateways) only know {@code max_tokens}. Sending both is
 * not an option: OpenAI refuses requests that carry both for reasoning models.
 */
public enum MaxTokensParameter {
  /** {@code max_completion_tokens} when the base URL's host is {@code api.openai.com}, else
   * {@code max_tokens}, which every compatible server accepts. The default. */
  AUTO,
  MAX_COMPLETION_TOKENS,
  MAX_TOKENS;

  /** The configuration value ({@code max_completion_tokens}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a configuration value ({@code auto | max_completion_tokens | max_tokens}). */
  public static MaxTokensParameter fromWireName(String value) {
    for (MaxTokensParameter p : values()) {
      if (p.wireName().equalsIgnoreCase(value == null ? "" : value.strip().replace('-', '_'))) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown max-tokens-parameter '" + value
        + "'; allowed: auto | max_completion_tokens | max_tokens");
  }
}
