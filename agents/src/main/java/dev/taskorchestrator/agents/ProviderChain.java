package dev.taskorchestrator.agents;

import dev.taskorchestrator.resilience.ErrorClass;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ordered list of providers with fallback. Each provider is called through the
 * {@link ProviderCallGuard} (retry + breaker live there). The chain moves to the next provider
 * when the current one
 *
 * <ul>
 *   <li>fails with a retryable class (network, timeout, rate limit, overloaded, server), after
 *       whatever retries the guard made;
 *   <li>is unavailable ({@link ProviderUnavailableException} from the guard);
 *   <li>refuses the key ({@link ErrorClass#AUTH}): reported in the attempts, never retried there.
 * </ul>
 *
 * <p>It stops at {@link ErrorClass#INVALID_REQUEST} and {@link ErrorClass#CONTENT}: the same
 * request would be rejected, or refused, by the next model as well, and spending on it is waste.
 *
 * <pre>{@code
 * ProviderChain chain = ProviderChain.of(List.of(ollama, anthropic));
 * ChainResult result = chain.call(request);   // result.response().provider() answered
 * }</pre>
 */
public final class ProviderChain {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderChain.class);

  private final List<ModelProvider> providers;
  private final ProviderCallGuard guard;

  private ProviderChain(List<ModelProvider> providers, ProviderCallGuard guard) {
    this.providers = List.copyOf(requireNonNull(providers, "providers is null"));
    if (this.providers.isEmpty()) {
      throw new IllegalArgumentException("a provider chain needs at least one provider");
    }
    this.guard = requireNonNull(guard, "guard is null");
  }

  /** A chain whose providers are each called once per request. */
  public static ProviderChain of(List<ModelProvider> providers) {
    return new ProviderChain(providers, ProviderCallGuard.passThrough());
  }

  /** A chain that calls every provider through {@code guard}. */
  public static ProviderChain of(List<ModelProvider> providers, ProviderCallGuard guard) {
    return new ProviderChain(providers, guard);
  }

  public List<ModelProvider> providers() {
    return providers;
  }

  /**
   * Tries the providers in order until one answers.
   *
   * @throws ProviderChainException when none answered, with every attempt
   */
  public ChainResult call(ModelRequest request) throws ProviderChainException {
    requireNonNull(request, "request is null");
    List<ChainAttempt> attempts = new ArrayList<>();
    Exception last = null;
    for (ModelProvider provider : providers) {
      try {
        ModelResponse response = guard.call(provider, request);
        attempts.add(ChainAttempt.answered(provider.name()));
        return new ChainResult(response, attempts);
      } catch (ProviderUnavailableException e) {
        attempts.add(ChainAttempt.skipped(e));
        LOG.debug("provider {} skipped: {}", provider.name(), e.getMessage());
        last = e;
      } catch (ProviderException e) {
        attempts.add(ChainAttempt.failed(e));
        LOG.info("provider {} failed ({}): {}", provider.name(), e.errorClass().wireName(),
            e.getMessage());
        last = e;
        if (!fallsOver(e.errorClass())) {
          break;
        }
      }
    }
    throw last instanceof ProviderException pe
        ? new ProviderChainException(pe, attempts)
        : new ProviderChainException((ProviderUnavailableException) last, attempts);
  }

  private static boolean fallsOver(ErrorClass errorClass) {
    return errorClass.retryable() || errorClass == ErrorClass.AUTH;
  }
}
