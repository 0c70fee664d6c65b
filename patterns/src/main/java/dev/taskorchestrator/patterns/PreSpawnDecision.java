package dev.taskorchestrator.patterns;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the immune system says about a spawn. It can only take away: hidden tools and substitutes are
 * always among the tools the caller permitted.
 *
 * @param applied the patterns applied, most relevant first
 * @param adviceBlock text to append to the agent's instructions (empty if no advice applies); each
 *     pattern's advice is quoted as data inside a delimited block
 * @param hiddenTools permitted tools to hide from the agent (open breaker, learned substitute available)
 * @param substitutes hidden tool → the permitted tool offered in its place
 * @param avoidProviders provider targets from the chain that a pattern says to skip
 * @param block present when a block pattern refuses the spawn
 */
public record PreSpawnDecision(List<AppliedPattern> applied, String adviceBlock, Set<String> hiddenTools,
    Map<String, String> substitutes, Set<String> avoidProviders, Optional<CorrectiveAction.Block> block) {

  public PreSpawnDecision {
    applied = List.copyOf(applied);
    Objects.requireNonNull(adviceBlock, "adviceBlock is null");
    hiddenTools = Set.copyOf(hiddenTools);
    substitutes = Map.copyOf(substitutes);
    avoidProviders = Set.copyOf(avoidProviders);
    Objects.requireNonNull(block, "block is null");
  }

  /** Whether the spawn must be refused. */
  public boolean blocked() {
    return block.isPresent();
  }

  /** The ids of the applied patterns, to report the spawn's outcome against them later. */
  public List<String> appliedIds() {
    return applied.stream().map(AppliedPattern::id).toList();
  }
}
