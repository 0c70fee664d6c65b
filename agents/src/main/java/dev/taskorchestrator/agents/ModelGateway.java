package dev.taskorchestrator.agents;

/**
 * How the agent loop reaches a model: the orchestrator's router puts its budget reservation, provider
 * choice and resilience around each call.
 */
@FunctionalInterface
public interface ModelGateway {

  /**
   * Makes one model call.
   *
   * @throws ProviderException when no provider could answer (classified)
   * @throws StopRun when the run must stop before this call (for example: the budget cannot cover it)
   */
  ModelResponse call(ModelRequest request) throws ProviderException, StopRun;

  /** Stops a run gracefully: the agent returns what it has, with this status and reason. */
  final class StopRun extends Exception {
    private final String status;

    public StopRun(String status, String reason) {
      super(reason, null, false, false);
      this.status = status;
    }

    public String status() {
      return status;
    }
  }
}
