package dev.taskorchestrator.agents;

import static java.util.Objects.requireNonNull;

/** Text from the user (or the orchestrator acting as the user). */
public record UserMessage(String text) implements Message {
  public UserMessage {
    requireNonNull(text, "text is null");
  }
}
