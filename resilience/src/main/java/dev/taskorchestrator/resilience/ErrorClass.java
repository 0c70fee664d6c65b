package dev.taskorchestrator.resilience;

/**
 * Why a model or tool call failed, as the resilience layer, the router and the immune system see it.
 * The class decides whether a call is retried, whether it counts against a circuit breaker, and what
 * the user is told.
 */
public enum ErrorClass {
  /** Connection refused, reset, DNS failure: retry, then fall back. */
  NETWORK(true, "could not reach the service"),
  /** No answer within the call's timeout: retry, then fall back. */
  TIMEOUT(true, "the service did not answer in time"),
  /** HTTP 429 or the provider's rate-limit error; honour Retry-After. */
  RATE_LIMIT(true, "the service is rate-limiting us"),
  /** HTTP 529 / "overloaded": retry later, fall back now. */
  OVERLOADED(true, "the service is overloaded"),
  /** HTTP 5xx or a malformed answer from the service. */
  SERVER(true, "the service failed"),
  /** HTTP 401/403: the key was refused; never retried on the same provider. */
  AUTH(false, "the API key was refused"),
  /** HTTP 400/422, invalid arguments: the request itself is wrong; retrying cannot help. */
  INVALID_REQUEST(false, "the service rejected the request"),
  /** HTTP 404 or "not found": what was asked for does not exist there; retrying cannot help. */
  NOT_FOUND(false, "the service does not have what was asked for"),
  /**
   * The orchestrator is not set up for the call (no provider configured and a client without
   * sampling, a missing key): the user must change the configuration or the client.
   */
  CONFIGURATION(false, "the server is not configured for this call"),
  /** Refused by the provider's content policy, or output that fails its schema / is empty. */
  CONTENT(false, "the output was refused or unusable");

  private final boolean retryable;
  private final String summary;

  ErrorClass(boolean retryable, String summary) {
    this.retryable = retryable;
    this.summary = summary;
  }

  /** Whether retrying the same call later may succeed. */
  public boolean retryable() {
    return retryable;
  }

  /** A short plain-words description for users and models. */
  public String summary() {
    return summary;
  }

  /** The lower-case wire name used in tool results, patterns and traces ({@code rate_limit}). */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
