/**
 * The immune system: learned failure patterns.
 *
 * <p>A failure (of a provider, a downstream tool, or an archetype's output) is reduced to a
 * {@link dev.taskorchestrator.patterns.FailureSignature} (target, error class, normalised message,
 * fingerprint) and recorded in a {@link dev.taskorchestrator.patterns.PatternStore}; the same failure
 * again is one more occurrence of the same pattern. Before a spawn,
 * {@link dev.taskorchestrator.patterns.PatternStore#check} finds the patterns relevant to it (its
 * tools, its providers, and archetype patterns whose message matches the task text) and returns a
 * {@link dev.taskorchestrator.patterns.PreSpawnDecision}: quoted advice, tools to hide with their
 * substitutes, providers to avoid, or a block. A {@link dev.taskorchestrator.patterns.LearningSession}
 * feeds a task's tool failures and successes back, learning substitutions and moving confidence.
 */
package dev.taskorchestrator.patterns;
