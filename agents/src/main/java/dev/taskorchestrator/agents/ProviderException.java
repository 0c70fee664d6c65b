package dev.taskorchestrator.agents;

import dev.taskorchestrator.resilience.ClassifiedFailure;
import dev.taskorchestrator.resilience.ErrorClass;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * A classified provider failure. The message never holds an API key; for {@link ErrorClass#AUTH}
 * it names the environment variable the key came from.
 */
public class ProviderException extends Exception implements ClassifiedFailure {
  private final ErrorClass errorClass;
  private final String provider;
  private final Duration retryAfter;
  private final int httpStatus;

  /**
   * @param httpStatus the HTTP status, or 0 when no response came (network, timeout)
   * @param retryAfter how long the provider asked us to wait, if it said
   */
  public ProviderException(ErrorClass errorClass, String provider, String message,
      Optional<Duration> retryAfter, int httpStatus) {
    this(errorClass, provider, message, retryAfter, httpStatus, null);
  }

  public ProviderException(ErrorClass errorClass, String provider, String message,
      Optional<Duration> retryAfter, int httpStatus, Throwable cause) {
    super(message, cause);
    this.errorClass = requireNonNull(errorClass, "errorClass is null");
    this.provider = requireNonNull(provider, "provider is null");
    this.retryAfter = requireNonNull(retryAfter, "retryAfter is null").orElse(null);
    this.httpStatus = httpStatus;
  }

  @Override
  public ErrorClass errorClass() {
    return errorClass;
  }

  /** The configured name of the provider that failed. */
  public String provider() {
    return provider;
  }

  /** The wait the provider asked for (Retry-After and friends), if any. */
  @Override
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The HTTP status, or 0 when there was no HTTP response. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Whether retrying the same call later may succeed (from the error class). */
  @Override
  public boolean retryable() {
    return errorClass.retryable();
  }
}
