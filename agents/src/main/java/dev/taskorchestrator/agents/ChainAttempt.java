package dev.taskorchestrator.agents;

import dev.taskorchestrator.resilience.ErrorClass;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * What happened when the chain tried one provider.
 *
 * @param provider the provider's configured name
 * @param outcome answered, failed or skipped
 * @param errorClass the failure's class; {@code null} unless {@code FAILED}
 * @param message plain words, empty for an answer; never holds a secret
 * @param retryAfter the wait the provider or guard asked for, if any
 */
public record ChainAttempt(
    String provider,
    Outcome outcome,
    ErrorClass errorClass,
    String message,
    Optional<Duration> retryAfter) {

  /** The result of one attempt. */
  public enum Outcome {
    ANSWERED,
    FAILED,
    /** The guard refused to call (circuit open, bulkhead full). */
    SKIPPED
  }

  public ChainAttempt {
    requireNonNull(provider, "provider is null");
    requireNonNull(outcome, "outcome is null");
    if ((outcome == Outcome.FAILED) != (errorClass != null)) {
      throw new IllegalArgumentException("errorClass is set exactly when the attempt FAILED");
    }
    message = message == null ? "" : message;
    requireNonNull(retryAfter, "retryAfter is null");
  }

  static ChainAttempt answered(String provider) {
    return new ChainAttempt(provider, Outcome.ANSWERED, null, "", Optional.empty());
  }

  static ChainAttempt failed(ProviderException e) {
    return new ChainAttempt(e.provider(), Outcome.FAILED, e.errorClass(), e.getMessage(),
        e.retryAfter());
  }

  static ChainAttempt skipped(ProviderUnavailableException e) {
    return new ChainAttempt(e.provider(), Outcome.SKIPPED, null, e.getMessage(), e.retryAfter());
  }
}
