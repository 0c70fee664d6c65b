package dev.taskorchestrator.patterns;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the immune system scores and applies patterns.
 *
 * @param halfLife confidence halves every half-life since a pattern was last seen (default 72 h)
 * @param minConfidence patterns whose effective confidence is below this are not applied (default 0.1)
 * @param blockingEnabled whether block patterns may refuse a spawn at all (default false)
 * @param blockThreshold a block pattern refuses a spawn only above this effective confidence (default 0.9)
 * @param maxAdviceChars the longest advice quoted for one pattern (default 300)
 * @param maxBlockChars the longest advice block added to an agent's instructions (default 2,000)
 * @param maxApplied the most advice patterns applied to one spawn (default 5)
 * @param textMatchThreshold share of a pattern's message words a task text must contain for an
 *     archetype pattern to apply (default 0.3; at least two words, or all if the message has one)
 * @param secretRegexes extra regexes whose matches are redacted before a message is stored
 */
public record PatternSettings(
    Duration halfLife, double minConfidence, boolean blockingEnabled, double blockThreshold,
    int maxAdviceChars, int maxBlockChars, int maxApplied, double textMatchThreshold,
    List<String> secretRegexes) {

  public PatternSettings {
    Objects.requireNonNull(halfLife, "halfLife is null");
    if (halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException("halfLife must be positive: " + halfLife);
    }
    requireUnit(minConfidence, "minConfidence");
    requireUnit(blockThreshold, "blockThreshold");
    requireUnit(textMatchThreshold, "textMatchThreshold");
    if (maxAdviceChars < 20 || maxBlockChars < maxAdviceChars || maxApplied < 1) {
      throw new IllegalArgumentException("need maxAdviceChars >= 20, maxBlockChars >= maxAdviceChars, "
          + "maxApplied >= 1; got " + maxAdviceChars + ", " + maxBlockChars + ", " + maxApplied);
    }
    secretRegexes = List.copyOf(secretRegexes);
    secretRegexes.forEach(java.util.regex.Pattern::compile);
  }

  public static PatternSettings ofDefaults() {
    return new PatternSettings(Duration.ofHours(72), 0.1, false, 0.9, 300, 2_000, 5, 0.3, List.of());
  }

  public PatternSettings withHalfLife(Duration value) {
    return new PatternSettings(value, minConfidence, blockingEnabled, blockThreshold, maxAdviceChars,
        maxBlockChars, maxApplied, textMatchThreshold, secretRegexes);
  }

  public PatternSettings withBlocking(boolean enabled, double threshold) {
    return new PatternSettings(halfLife, minConfidence, enabled, threshold, maxAdviceChars,
        maxBlockChars, maxApplied, textMatchThreshold, secretRegexes);
  }

  public PatternSettings withMaxAdviceChars(int value) {
    return new PatternSettings(halfLife, minConfidence, blockingEnabled, blockThreshold, value,
        Math.max(value, maxBlockChars), maxApplied, textMatchThreshold, secretRegexes);
  }

  public PatternSettings withSecretRegexes(List<String> value) {
    return new PatternSettings(halfLife, minConfidence, blockingEnabled, blockThreshold, maxAdviceChars,
        maxBlockChars, maxApplied, textMatchThreshold, value);
  }

  private static void requireUnit(double value, String name) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be within [0, 1]: " + value);
    }
  }
}
