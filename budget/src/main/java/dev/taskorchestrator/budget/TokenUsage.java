package dev.taskorchestrator.budget;

/**
 * Tokens of one model call, normalised so that each token is counted in exactly one kind.
 *
 * <p>Providers report usage differently: OpenAI's {@code prompt_tokens} <em>includes</em> its
 * cached tokens, Anthropic's {@code input_tokens} <em>excludes</em> cache reads and cache writes.
 * Use {@link #fromOpenAi} or {@link #fromAnthropic} so that {@code input} always means uncached input
 * that was neither read from nor written to a prompt cache, and each kind is priced once.
 *
 * @param input input tokens priced at the plain input rate (not cached, not written to a cache)
 * @param output output tokens, reasoning/thinking tokens included
 * @param cachedInput input tokens read from a prompt cache
 * @param cacheWrite input tokens written to a prompt cache
 */
public record TokenUsage(long input, long output, long cachedInput, long cacheWrite) {

  public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0);

  public TokenUsage {
    if (input < 0 || output < 0 || cachedInput < 0 || cacheWrite < 0) {
      throw new IllegalArgumentException("token counts must not be negative: input=" + input
          + " output=" + output + " cachedInput=" + cachedInput + " cacheWrite=" + cacheWrite);
    }
  }

  public static TokenUsage of(long input, long output) {
    return new TokenUsage(input, output, 0, 0);
  }

  /**
   * From an OpenAI usage object: {@code prompt_tokens} (cached tokens included),
   * {@code completion_tokens} and {@code prompt_tokens_details.cached_tokens}.
   */
  public static TokenUsage fromOpenAi(long promptTokens, long completionTokens, long cachedTokens) {
    return fromOpenAi(promptTokens, completionTokens, cachedTokens, 0);
  }

  /**
   * From an OpenAI usage object that also reports {@code prompt_tokens_details.cache_write_tokens};
   * both cached and cache-write tokens are part of {@code prompt_tokens} and are taken out of it.
   */
  public static TokenUsage fromOpenAi(
      long promptTokens, long completionTokens, long cachedTokens, long cacheWriteTokens) {
    if (cachedTokens + cacheWriteTokens > promptTokens) {
      throw new IllegalArgumentException("cached (" + cachedTokens + ") + cache-write ("
          + cacheWriteTokens + ") tokens exceed prompt_tokens (" + promptTokens + ")");
    }
    return new TokenUsage(
        promptTokens - cachedTokens - cacheWriteTokens, completionTokens, cachedTokens, cacheWriteTokens);
  }

  /**
   * From an Anthropic usage object: {@code input_tokens} (cache reads and writes excluded),
   * {@code output_tokens}, {@code cache_read_input_tokens}, {@code cache_creation_input_tokens}.
   */
  public static TokenUsage fromAnthropic(
      long inputTokens, long outputTokens, long cacheReadTokens, long cacheCreationTokens) {
    return new TokenUsage(inputTokens, outputTokens, cacheReadTokens, cacheCreationTokens);
  }

  /** All input tokens, whatever their kind. */
  public long totalInput() {
    return input + cachedInput + cacheWrite;
  }

  public long total() {
    return totalInput() + output;
  }
}
