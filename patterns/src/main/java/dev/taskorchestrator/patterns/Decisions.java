package dev.taskorchestrator.patterns;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns the patterns a pre-spawn check chose into its decision. */
final class Decisions {

  /** A pattern chosen for a spawn, and why. */
  record Chosen(Pattern pattern, String reason) {}

  private Decisions() {}

  static PreSpawnDecision decide(List<Chosen> chosen, PatternSettings settings, Map<String, String> substitutes) {
    Set<String> avoid = new LinkedHashSet<>();
    Optional<CorrectiveAction.Block> block = Optional.empty();
    for (Chosen c : chosen) {
      Pattern p = c.pattern();
      if (p.action() instanceof CorrectiveAction.AvoidProvider a) {
        avoid.add(a.provider());
      }
      if (p.action() instanceof CorrectiveAction.Block b && block.isEmpty() && settings.blockingEnabled()
          && p.effectiveConfidence() > settings.blockThreshold()) {
        block = Optional.of(b);
      }
    }
    List<Pattern> patterns = chosen.stream().map(Chosen::pattern).toList();
    String advice = AdviceBlock.format(patterns, settings.maxAdviceChars(), settings.maxBlockChars());
    List<AppliedPattern> applied = chosen.stream().map(c -> new AppliedPattern(c.pattern().id(),
        c.pattern().target(), c.pattern().action().kind(), c.pattern().effectiveConfidence(), c.reason()))
        .toList();
    return new PreSpawnDecision(applied, advice, substitutes.keySet(), substitutes, avoid, block);
  }
}
