package dev.taskorchestrator.agents;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * Thrown by a {@link ProviderCallGuard} that does not let the call reach the provider at all (for
 * example an open circuit breaker or a full bulkhead). The chain skips to the next provider.
 */
public class ProviderUnavailableException extends Exception {
  private final String provider;
  private final Duration retryAfter;

  /**
   * @param reason short plain words ({@code circuit open})
   * @param retryAfter when the provider may be admitted again, if known
   */
  public ProviderUnavailableException(String provider, String reason,
      Optional<Duration> retryAfter) {
    super(reason);
    this.provider = requireNonNull(provider, "provider is null");
    this.retryAfter = requireNonNull(retryAfter, "retryAfter is null").orElse(null);
  }

  public String provider() {
    return provider;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
