package dev.taskorchestrator.agents;

import dev.taskorchestrator.resilience.ErrorClass;

import java.util.List;
import java.util.stream.Collectors;

/**
 * No provider of the chain answered. The error class, provider, status and Retry-After are those
 * of the last failure (or {@link ErrorClass#NETWORK} when every provider was skipped by its guard);
 * {@link #attempts()} tells what happened to each provider.
 */
public class ProviderChainException extends ProviderException {
  private final List<ChainAttempt> attempts;

  ProviderChainException(ProviderException last, List<ChainAttempt> attempts) {
    super(last.errorClass(), last.provider(), summarise(attempts), last.retryAfter(),
        last.httpStatus(), last);
    this.attempts = List.copyOf(attempts);
  }

  ProviderChainException(ProviderUnavailableException last, List<ChainAttempt> attempts) {
    super(ErrorClass.NETWORK, last.provider(), summarise(attempts), last.retryAfter(), 0, last);
    this.attempts = List.copyOf(attempts);
  }

  /** Every attempt, in order. */
  public List<ChainAttempt> attempts() {
    return attempts;
  }

  private static String summarise(List<ChainAttempt> attempts) {
    return "no provider answered: " + attempts.stream()
        .map(a -> a.provider() + " " + (a.outcome() == ChainAttempt.Outcome.SKIPPED
            ? "skipped" : a.errorClass().wireName()) + " (" + a.message() + ")")
        .collect(Collectors.joining("; "));
  }
}
