package dev.taskorchestrator.agents;

/**
 * Wraps every call the {@link ProviderChain} makes to one provider: the plug-in point for retry,
 * circuit breaker and bulkhead. A guard calls {@code provider.call(request)} zero or more times; it
 * throws {@link ProviderUnavailableException} when it refuses to call at all, and the final
 * {@link ProviderException} when the calls failed.
 */
@FunctionalInterface
public interface ProviderCallGuard {

  ModelResponse call(ModelProvider provider, ModelRequest request)
      throws ProviderException, ProviderUnavailableException;

  /** Calls the provider once, as is. */
  static ProviderCallGuard passThrough() {
    return ModelProvider::call;
  }
}
