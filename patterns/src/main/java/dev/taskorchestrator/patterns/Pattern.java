package dev.taskorchestrator.patterns;

import java.time.Instant;
import java.util.Objects;

/**
 * A learned failure pattern as stored, with its confidence decayed to the moment it was read.
 *
 * @param id {@code pat_} + 16 hex digits of the fingerprint
 * @param fingerprint see {@link FailureSignature}
 * @param target what failed
 * @param errorClass how it failed
 * @param message the normalised message
 * @param example one redacted raw message (may be empty for taught patterns)
 * @param occurrences how many times the failure was seen (or taught)
 * @param firstSeen first occurrence
 * @param lastSeen last occurrence; decay counts from here
 * @param action what to do when the pattern applies
 * @param confidence the stored confidence in [0, 1], moved by outcomes
 * @param effectiveConfidence {@code confidence × 0.5^(age / half-life)} at read time
 * @param timesApplied spawns this pattern was applied to whose outcome was reported
 * @param successesAfter of those, how many reached their goal
 * @param failuresAfter of those, how many failed
 * @param provenance {@code local} or {@code federated:HUB/PROJECT}
 * @param visibility private or shared
 * @param enabled disabled patterns are never applied
 */
public record Pattern(
    String id, String fingerprint, String target, String errorClass, String message, String example,
    long occurrences, Instant firstSeen, Instant lastSeen, CorrectiveAction action,
    double confidence, double effectiveConfidence, long timesApplied, long successesAfter,
    long failuresAfter, String provenance, Visibility visibility, boolean enabled) {

  public Pattern {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(fingerprint, "fingerprint is null");
    Target.check(target);
    ErrorClasses.check(errorClass);
    Objects.requireNonNull(message, "message is null");
    Objects.requireNonNull(example, "example is null");
    Objects.requireNonNull(firstSeen, "firstSeen is null");
    Objects.requireNonNull(lastSeen, "lastSeen is null");
    Objects.requireNonNull(action, "action is null");
    Provenance.check(provenance);
    Objects.requireNonNull(visibility, "visibility is null");
  }

  /** The advice text of the action. */
  public String advice() {
    return action.advice();
  }
}
