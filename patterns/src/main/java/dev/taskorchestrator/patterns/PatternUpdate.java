package dev.taskorchestrator.patterns;

import java.util.Objects;
import java.util.Optional;

/**
 * Changes to one pattern (update_pattern); empty fields stay as they are.
 *
 * @param enabled enable or disable
 * @param advice new advice text; only for instruction and block patterns (it replaces the text or reason)
 * @param action a new corrective action
 * @param visibility private or shared
 */
public record PatternUpdate(Optional<Boolean> enabled, Optional<String> advice,
    Optional<CorrectiveAction> action, Optional<Visibility> visibility) {

  public PatternUpdate {
    Objects.requireNonNull(enabled, "enabled is null");
    Objects.requireNonNull(advice, "advice is null");
    Objects.requireNonNull(action, "action is null");
    Objects.requireNonNull(visibility, "visibility is null");
    if (advice.isPresent() && action.isPresent()) {
      throw new IllegalArgumentException("give either new advice or a new action, not both");
    }
  }

  public static PatternUpdate enabled(boolean value) {
    return new PatternUpdate(Optional.of(value), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static PatternUpdate advice(String text) {
    return new PatternUpdate(Optional.empty(), Optional.of(text), Optional.empty(), Optional.empty());
  }

  public static PatternUpdate action(CorrectiveAction value) {
    return new PatternUpdate(Optional.empty(), Optional.empty(), Optional.of(value), Optional.empty());
  }

  public static PatternUpdate visibility(Visibility value) {
    return new PatternUpdate(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(value));
  }
}
