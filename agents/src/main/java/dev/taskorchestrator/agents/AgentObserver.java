package dev.taskorchestrator.agents;

/** Hears what a run does, for progress notifications and traces. Callbacks must be quick. */
public interface AgentObserver {

  /** A step starts: {@code step} of at most {@code maxSteps}, {@code what} in a few words. */
  default void onStep(int step, int maxSteps, String what) {}

  /** A tool call ended. */
  default void onToolCall(AgentOutcome.ToolCallRecord call) {}

  AgentObserver NONE = new AgentObserver() {};
}
