package dev.taskorchestrator.budget;

import java.util.Objects;

/**
 * A model call about to be made, with its worst-case cost.
 *
 * @param taskId the task spending (its ancestor tasks are charged too), or null
 * @param sessionId the client session, or null
 * @param archetype the agent archetype making the call (for reports), or null
 * @param provider the provider called ({@code openai}, {@code anthropic}, {@code sampling}, …)
 * @param model the model called
 * @param estimate the worst-case cost, e.g. from {@link PriceTable#estimate}
 */
public record ReservationRequest(
    String taskId, String sessionId, String archetype, String provider, String model, Money estimate) {

  public ReservationRequest {
    Objects.requireNonNull(provider, "provider is null");
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(estimate, "estimate is null");
    if (estimate.isNegative()) {
      throw new IllegalArgumentException("estimate must not be negative: " + estimate);
    }
  }
}
