package dev.taskorchestrator.patterns;

import java.util.Objects;

/**
 * One pattern a pre-spawn check applied.
 *
 * @param id the pattern's id
 * @param target what it is about
 * @param action the action's kind ({@code instruction}, {@code substitute_tool}, …)
 * @param confidence its effective confidence at check time
 * @param reason why it applied ({@code tool permitted}, {@code task text match 0.67}, …)
 */
public record AppliedPattern(String id, String target, String action, double confidence, String reason) {

  public AppliedPattern {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(target, "target is null");
    Objects.requireNonNull(action, "action is null");
    Objects.requireNonNull(reason, "reason is null");
  }
}
