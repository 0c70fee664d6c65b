package dev.taskorchestrator.server.config;

import dev.taskorchestrator.patterns.PatternSettings;
import java.time.Duration;
import java.util.List;

/**
 * The {@code patterns:} section: how learned failure patterns age and act.
 *
 * @param halfLife a pattern's confidence halves over this time without a new occurrence
 * @param minConfidence patterns below this effective confidence are not applied
 * @param blocking whether {@code block} patterns may refuse spawns at all (off by default)
 * @param blockThreshold the confidence a block pattern needs to refuse a spawn
 * @param maxAdviceChars the longest advice text one pattern adds to an agent's instructions
 * @param maxApplied the most patterns applied to one spawn
 * @param secretPatterns extra regular expressions whose matches are removed before a message is stored
 */
public record PatternsConfig(
    @Allowed(above = "0s", hint = "such as 72h") Duration halfLife,
    @Allowed(min = "0", max = "1") double minConfidence,
    boolean blocking,
    @Allowed(min = "0", max = "1") double blockThreshold,
    @Allowed(min = "20", max = "2000", hint = "characters") int maxAdviceChars,
    @Allowed(min = "1") int maxApplied,
    @Allowed(regex = true) List<String> secretPatterns) {

  public PatternsConfig {
    secretPatterns = secretPatterns == null ? List.of() : List.copyOf(secretPatterns);
  }

  public static PatternsConfig defaults() {
    PatternSettings d = PatternSettings.ofDefaults();
    return new PatternsConfig(d.halfLife(), d.minConfidence(), d.blockingEnabled(), d.blockThreshold(),
        d.maxAdviceChars(), d.maxApplied(), List.of());
  }

  /** The settings, checked; the message names the rule broken. */
  public PatternSettings settings() {
    PatternSettings d = PatternSettings.ofDefaults();
    return new PatternSettings(halfLife, minConfidence, blocking, blockThreshold, maxAdviceChars, d.maxBlockChars(),
        maxApplied, d.textMatchThreshold(), secretPatterns);
  }
}
