package dev.taskorchestrator.patterns;

import dev.taskorchestrator.redaction.Redactor;
import java.util.List;
import java.util.Optional;

/**
 * The immune system's memory: learned failure patterns, how they are learned, searched and applied.
 *
 * <pre>{@code
 * PatternStore patterns = new SqlitePatternStore(db, Clock.systemUTC(), PatternSettings.ofDefaults());
 * PreSpawnDecision d = patterns.check(new SpawnProfile("researcher", chain, tools, openTools, prompt));
 * // … run the agent with d.adviceBlock(), without d.hiddenTools() …
 * patterns.recordOutcome(d.appliedIds(), goalReached);
 * }</pre>
 */
public interface PatternStore {

  /**
   * Records one classified failure: a new pattern with default advice for its class, or one more
   * occurrence of the pattern with the same fingerprint. {@code rawMessage} is redacted and kept as
   * the example.
   */
  Pattern recordFailure(FailureSignature signature, String rawMessage);

  /** Learns that {@code substituteTool} reached the goal after the tool in {@code failed} failed. */
  Pattern learnSubstitution(FailureSignature failed, String substituteTool);

  /** Reports whether the spawn the given patterns were applied to reached its goal. */
  void recordOutcome(List<String> patternIds, boolean success);

  /** Teaches a pattern directly; an existing pattern with the same fingerprint takes the new action. */
  Pattern record(PatternDraft draft);

  /** Changes one pattern; empty if there is no pattern with that id. */
  Optional<Pattern> update(String id, PatternUpdate update);

  /** Deletes one pattern; false if there was none. */
  boolean delete(String id);

  Optional<Pattern> find(String id);

  List<Pattern> query(PatternQuery query);

  /** How many patterns are stored (enabled or not). */
  long count();

  /** Finds and applies the patterns relevant to a spawn (see {@link PreSpawnDecision}). */
  PreSpawnDecision check(SpawnProfile context);

  /**
   * The redactor this store applies to every message, example and advice before it is stored (the server's
   * one redactor plus the store's configured regexes).
   */
  Redactor redactor();

  /** A signature derived with this store's redactor. */
  default FailureSignature signature(String target, String errorClass, String message) {
    return FailureSignature.of(target, errorClass, message, redactor());
  }
}
