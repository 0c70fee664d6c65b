package dev.taskorchestrator.agents;

import java.util.List;

/**
 * A model behind one wire protocol. Implementations are thread-safe and make exactly one HTTP
 * exchange per {@link #call}: no retries of their own (the resilience layer retries).
 */
public interface ModelProvider {

  /** The configured name ({@code local-ollama}), used in results, traces and breakers. */
  String name();

  /** The wire protocol. */
  ProviderType type();

  /** The models this provider serves; the first is its default. May be empty. */
  List<String> models();

  /**
   * Makes one model call.
   *
   * @throws ProviderException classified, with a message free of secrets
   */
  ModelResponse call(ModelRequest request) throws ProviderException;
}
