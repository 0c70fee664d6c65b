package dev.taskorchestrator.budget;

/**
 * No price is known for a model and no fallback price is configured, so the call is refused rather
 * than counted as free. The message names the model and how to configure a price.
 */
public final class UnknownModelException extends RuntimeException {

  private final String model;

  public UnknownModelException(String model, String message) {
    super(message);
    this.model = model;
  }

  static UnknownModelException of(ModelRef ref) {
    String where = ref.provider() == null ? "" : " (provider " + ref.provider() + ")";
    return new UnknownModelException(ref.model(), "no price is known for model '" + ref.model() + "'" + where
        + ", so the call is refused rather than counted as free; configure its price under budget.prices"
        + " (model or pattern, input/output/cached-input/cache-write USD per million tokens), set"
        + " budget.fallback-price, or, for a local model, a budget.local-models rule");
  }

  /** The model that has no price. */
  public String model() {
    return model;
  }
}
