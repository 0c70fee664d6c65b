package dev.taskorchestrator.agents;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The wire protocol a configured provider speaks ({@code type:} in the configuration). */
public enum ProviderType {
  /** OpenAI Chat Completions: OpenAI, Ollama {@code /v1}, vLLM, LM Studio, OpenRouter, gateways. */
  OPENAI,
  /** Anthropic Messages API. */
  ANTHROPIC,
  /** MCP sampling back to the calling client; built by the server on the MCP SDK, not here. */
  SAMPLING;

  /** The lower-case name used in configuration files ({@code openai}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a configuration value, case-insensitively.
   *
   * @throws IllegalArgumentException naming the value and the allowed ones
   */
  public static ProviderType fromWireName(String value) {
    for (ProviderType type : values()) {
      if (type.wireName().equalsIgnoreCase(value == null ? "" : value.strip())) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown provider type '" + value + "'; allowed: "
        + Arrays.stream(values()).map(ProviderType::wireName).collect(Collectors.joining(" | ")));
  }
}
