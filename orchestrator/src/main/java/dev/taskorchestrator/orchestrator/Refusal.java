package dev.taskorchestrator.orchestrator;

import java.util.Map;
import java.util.Objects;

/**
 * A router stage declined the spawn before any model was called.
 *
 * @param code a stable machine-readable reason ({@code unknown_archetype}, {@code budget_exceeded},
 *     {@code circuit_open}, {@code immune_blocked}, {@code invalid_arguments}, {@code not_found})
 * @param message what happened and what the caller can do, in plain words
 * @param details structured facts for the caller (for example {@code retry_after_seconds})
 */
public record Refusal(String code, String message, Map<String, Object> details) {

  public Refusal {
    Objects.requireNonNull(code, "code is null");
    Objects.requireNonNull(message, "message is null");
    details = details == null ? Map.of() : Map.copyOf(details);
  }

  public static Refusal of(String code, String message) {
    return new Refusal(code, message, Map.of());
  }
}
