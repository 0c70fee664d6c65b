package dev.taskorchestrator.agents;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The answer of a {@link ProviderChain} and every attempt made to get it, in order; the last
 * attempt is the provider that answered.
 */
public record ChainResult(ModelResponse response, List<ChainAttempt> attempts) {
  public ChainResult {
    requireNonNull(response, "response is null");
    attempts = List.copyOf(requireNonNull(attempts, "attempts is null"));
  }

  /** The attempts that did not answer (why the earlier providers were passed over). */
  public List<ChainAttempt> passedOver() {
    return attempts.stream().filter(a -> a.outcome() != ChainAttempt.Outcome.ANSWERED).toList();
  }
}
