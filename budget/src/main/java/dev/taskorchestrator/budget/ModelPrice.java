package dev.taskorchestrator.budget;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * List prices of one model (or of every model a pattern matches), in dollars per million tokens.
 *
 * @param model the model's name, e.g. {@code gpt-4o}; for a pattern entry a label for it
 * @param pattern a case-insensitive regular expression over the normalised model name, or null for
 *     an exact-name entry
 * @param provider who sells it ({@code openai}, {@code anthropic}, {@code google}, {@code local}, …)
 * @param input price of plain input tokens
 * @param output price of output tokens (reasoning included)
 * @param cachedInput price of input tokens read from a prompt cache
 * @param cacheWrite price of input tokens written to a prompt cache
 * @param source where the price comes from (a URL, "config", "fallback", …)
 * @param date when the price was checked, or null when unknown
 */
public record ModelPrice(
    String model,
    String pattern,
    String provider,
    Money input,
    Money output,
    Money cachedInput,
    Money cacheWrite,
    String source,
    LocalDate date) {

  private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);

  public ModelPrice {
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(provider, "provider is null");
    Objects.requireNonNull(input, "input is null");
    Objects.requireNonNull(output, "output is null");
    Objects.requireNonNull(source, "source is null");
    cachedInput = cachedInput == null ? input : cachedInput;
    cacheWrite = cacheWrite == null ? input : cacheWrite;
    for (Money m : new Money[] {input, output, cachedInput, cacheWrite}) {
      if (m.isNegative()) {
        throw new IllegalArgumentException("price of " + model + " must not be negative: " + m);
      }
    }
    if (pattern != null) {
      try {
        Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("price pattern for " + model + " is not a valid regular expression: "
            + pattern, e);
      }
    }
  }

  /** An exact-name price; cached input and cache writes cost as much as plain input. */
  public static ModelPrice perMillion(String model, String provider, Money input, Money output, String source) {
    return new ModelPrice(model, null, provider, input, output, null, null, source, null);
  }

  /** A zero price (local models, when the operator configures them so). */
  public static ModelPrice free(String model, String provider, String source) {
    return perMillion(model, provider, Money.ZERO, Money.ZERO, source);
  }

  /** The same prices under another name and source (a fallback applied to an unknown model). */
  public ModelPrice renamed(String newModel, String newSource) {
    return new ModelPrice(newModel, null, provider, input, output, cachedInput, cacheWrite, newSource, date);
  }

  /**
   * The real cost of a call. Each kind of token is priced at its own rate; every part is rounded up
   * to the next nano-dollar, so a cost is never under-counted.
   */
  public Money cost(TokenUsage usage) {
    Objects.requireNonNull(usage, "usage is null");
    return part(usage.input(), input)
        .plus(part(usage.output(), output))
        .plus(part(usage.cachedInput(), cachedInput))
        .plus(part(usage.cacheWrite(), cacheWrite));
  }

  /**
   * The worst-case cost of a call: every input token at the dearest input rate (a prompt may be
   * written to a cache) and the full {@code maxOutputTokens} generated.
   */
  public Money worstCase(long inputTokens, long maxOutputTokens) {
    if (inputTokens < 0 || maxOutputTokens < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
    Money dearestInput = input.max(cachedInput).max(cacheWrite);
    return part(inputTokens, dearestInput).plus(part(maxOutputTokens, output));
  }

  private static Money part(long tokens, Money perMillion) {
    if (tokens == 0 || perMillion.isZero()) {
      return Money.ZERO;
    }
    BigInteger[] qr = BigInteger.valueOf(tokens).multiply(BigInteger.valueOf(perMillion.nanos()))
        .divideAndRemainder(MILLION);
    BigInteger nanos = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    return Money.ofNanos(nanos.longValueExact());
  }
}
