package dev.taskorchestrator.agents;

import dev.taskorchestrator.resilience.ErrorClass;

import java.time.Duration;
import java.util.List;

/**
 * How a run ended and what it produced.
 *
 * @param status {@code completed}, {@code failed}, {@code cancelled}, {@code max_steps} or a stop status
 *     given by the model gateway (such as {@code budget_exhausted})
 * @param output the final answer, or the last text produced when the run stopped early (may be empty)
 * @param structuredOutput the parsed JSON answer when the archetype has an output schema, else null
 * @param provider the provider of the last model call, or null if none answered
 * @param model the model of the last model call, or null
 * @param usage tokens over all model calls
 * @param steps model calls made
 * @param toolCalls every tool call, in order
 * @param stopReason why the run ended, in words
 * @param errorClass the failure's class when status is {@code failed}, else null
 * @param latency wall time of the run
 */
public record AgentOutcome(
    String status,
    String output,
    Object structuredOutput,
    String provider,
    String model,
    ModelUsage usage,
    int steps,
    List<ToolCallRecord> toolCalls,
    String stopReason,
    ErrorClass errorClass,
    Duration latency) {

  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";
  public static final String MAX_STEPS = "max_steps";

  public AgentOutcome {
    toolCalls = List.copyOf(toolCalls);
  }

  public boolean succeeded() {
    return COMPLETED.equals(status);
  }

  /**
   * One tool call the agent made.
   *
   * @param name {@code server.tool}
   * @param ok whether it produced a result that was not an error
   * @param error the error text when not ok (refusal, failure), else null
   * @param errorClass the failure's class when the call did not produce a result, else null
   */
  /**
   * One downstream tool call.
   *
   * @param refused the orchestrator's guard refused the call (open circuit, too many in flight): it never
   *     reached the tool, so it is not a new failure of the tool
   */
  public record ToolCallRecord(String name, boolean ok, String error, ErrorClass errorClass, boolean refused,
      Duration latency) {}
}
