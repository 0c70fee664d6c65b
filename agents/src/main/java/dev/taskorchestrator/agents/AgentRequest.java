package dev.taskorchestrator.agents;

import java.util.Objects;

/**
 * One run of an archetype.
 *
 * @param archetype what kind of agent
 * @param task what to do, in the caller's words
 * @param context optional material the caller hands over (may be empty)
 * @param model a model to use instead of the archetype's preference, or null
 * @param maxTokens output limit per model call (already capped by the caller), or null for the archetype's
 * @param advice a delimited block of learned advice to append to the instructions, or empty
 */
public record AgentRequest(Archetype archetype, String task, String context, String model, Integer maxTokens,
    String advice) {

  public AgentRequest {
    Objects.requireNonNull(archetype, "archetype is null");
    Objects.requireNonNull(task, "task is null");
    context = context == null ? "" : context;
    advice = advice == null ? "" : advice;
  }

  public int effectiveMaxTokens() {
    return maxTokens != null ? maxTokens : archetype.maxTokens();
  }

  /** The system prompt: the archetype's instructions, then any advice as quoted data. */
  public String systemPrompt() {
    return advice.isBlank() ? archetype.systemPrompt() : archetype.systemPrompt() + "\n\n" + advice;
  }

  /** The first user message. */
  public String userMessage() {
    return context.isBlank() ? task : task + "\n\n<context>\n" + context + "\n</context>";
  }
}
