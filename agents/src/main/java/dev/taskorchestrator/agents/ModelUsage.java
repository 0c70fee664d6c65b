package dev.taskorchestrator.agents;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token usage of one call, normalised so both wire formats mean the same thing.
 *
 * <ul>
 *   <li>{@code inputTokens}: ALL input tokens, cached or not. OpenAI's {@code prompt_tokens}
 *       already includes cached tokens and is taken as is; Anthropic's {@code input_tokens}
 *       excludes cache reads and writes, so here it is
 *       {@code input_tokens + cache_read_input_tokens + cache_creation_input_tokens}.
 *   <li>{@code outputTokens}: all output tokens, including reasoning / thinking.
 *   <li>{@code cachedInputTokens}: input tokens read from the prompt cache (OpenAI
 *       {@code prompt_tokens_details.cached_tokens}, Anthropic {@code cache_read_input_tokens}).
 *   <li>{@code cacheWriteTokens}: input tokens written to the prompt cache (OpenAI
 *       {@code prompt_tokens_details.cache_write_tokens} where sent, Anthropic
 *       {@code cache_creation_input_tokens}).
 * </ul>
 *
 * <p>Pricing: {@link #uncachedInputTokens()} × input price + cached × cache-read price + writes ×
 * cache-write price + output × output price. {@code raw} keeps the provider's own numbers, keyed by
 * their wire path ({@code prompt_tokens_details.cached_tokens}), for traces and audits.
 */
public record ModelUsage(
    long inputTokens,
    long outputTokens,
    long cachedInputTokens,
    long cacheWriteTokens,
    Map<String, Long> raw) {

  public ModelUsage {
    if (inputTokens < 0 || outputTokens < 0 || cachedInputTokens < 0 || cacheWriteTokens < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
    raw = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(raw, "raw is null")));
  }

  /** Usage with no cache figures and no raw numbers. */
  public static ModelUsage of(long inputTokens, long outputTokens) {
    return new ModelUsage(inputTokens, outputTokens, 0, 0, Map.of());
  }

  /** Input tokens billed at the full input price: neither read from nor written to the cache. */
  public long uncachedInputTokens() {
    return Math.max(0, inputTokens - cachedInputTokens - cacheWriteTokens);
  }

  /** Input plus output tokens. */
  public long totalTokens() {
    return inputTokens + outputTokens;
  }
}
