package dev.taskorchestrator.budget;

import java.util.Objects;

/**
 * A model as a call names it, with where it is served, so that local-model rules can apply.
 *
 * @param model the model name sent to (or reported by) the provider
 * @param provider the configured provider's type or name ({@code openai}, {@code ollama}, …), or null
 * @param baseUrl the provider's base URL, or null
 */
public record ModelRef(String model, String provider, String baseUrl) {

  public ModelRef {
    Objects.requireNonNull(model, "model is null");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model is blank");
    }
  }

  public static ModelRef of(String model) {
    return new ModelRef(model, null, null);
  }

  public static ModelRef of(String model, String provider, String baseUrl) {
    return new ModelRef(model, provider, baseUrl);
  }
}
