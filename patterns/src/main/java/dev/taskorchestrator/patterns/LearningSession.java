package dev.taskorchestrator.patterns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one task teaches the immune system. The agent loop reports each tool failure and success as
 * it happens; {@link #finish} then reports the outcome of the patterns applied before the spawn and,
 * if the goal was reached, learns substitutions: a tool that failed and never succeeded later in the
 * task is substituted by the first other tool that succeeded after it failed.
 *
 * <p>Not thread-safe: one session per task, used by the task's agent loop.
 */
public final class LearningSession {

  private final PatternStore store;
  private final List<String> appliedPatternIds;
  private final Map<String, FailureSignature> unresolvedFailures = new LinkedHashMap<>();
  private final Map<String, String> substituteFor = new LinkedHashMap<>();
  private boolean finished;

  public LearningSession(PatternStore store, List<String> appliedPatternIds) {
    this.store = Objects.requireNonNull(store, "store is null");
    this.appliedPatternIds = List.copyOf(appliedPatternIds);
  }

  /** Records a classified tool failure now, and remembers it for substitution learning. */
  public Pattern toolFailed(String tool, String errorClass, String rawMessage) {
    FailureSignature sig = store.signature(Target.tool(tool), errorClass, rawMessage);
    Pattern p = store.recordFailure(sig, rawMessage);
    unresolvedFailures.putIfAbsent(tool, sig);
    substituteFor.remove(tool);
    return p;
  }

  /** A tool call succeeded: it resolves its own earlier failure, or substitutes for other failed tools. */
  public void toolSucceeded(String tool) {
    Target.checkToolName(tool);
    if (unresolvedFailures.remove(tool) != null) {
      substituteFor.remove(tool);
      return;
    }
    for (String failed : unresolvedFailures.keySet()) {
      substituteFor.putIfAbsent(failed, tool);
    }
  }

  /**
   * Reports the task's outcome; returns the substitution patterns learned (none unless the goal was
   * reached). A session finishes once.
   */
  public List<Pattern> finish(boolean goalReached) {
    if (finished) {
      throw new IllegalStateException("learning session already finished");
    }
    finished = true;
    store.recordOutcome(appliedPatternIds, goalReached);
    List<Pattern> learned = new ArrayList<>();
    if (goalReached) {
      substituteFor.forEach((failed, substitute) ->
          learned.add(store.learnSubstitution(unresolvedFailures.get(failed), substitute)));
    }
    return learned;
  }
}
