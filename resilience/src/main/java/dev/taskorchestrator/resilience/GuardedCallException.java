package dev.taskorchestrator.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A guarded call did not produce a result: it failed (after any retries), its circuit was open, its
 * bulkhead was full, or the calling thread was interrupted. Carries what the router and the user
 * need: the error class, the number of attempts made, the last (redacted) message and, where known,
 * how long to wait before trying again.
 */
public final class GuardedCallException extends Exception implements ClassifiedFailure {

  private static final long serialVersionUID = 1L;

  /** Why no result was produced. */
  public enum Kind {
    /** Every attempt failed, or the failure was not retryable. */
    FAILED,
    /** The breaker refused the call without invoking it. */
    CIRCUIT_OPEN,
    /** Too many calls to the same name were already in flight. */
    BULKHEAD_FULL,
    /** The calling thread was interrupted (cancelled) while calling or waiting to retry. */
    INTERRUPTED
  }

  private final String guardName;
  private final Kind kind;
  private final ErrorClass errorClass;
  private final int attempts;
  private final String lastMessage;
  private final transient Duration retryAfter;

  private GuardedCallException(String guardName, Kind kind, ErrorClass errorClass, int attempts,
      String lastMessage, Duration retryAfter, Throwable cause) {
    super(guardName + ": " + describe(kind, errorClass, attempts) + ": " + lastMessage, cause);
    this.guardName = Objects.requireNonNull(guardName, "guardName is null");
    this.kind = Objects.requireNonNull(kind, "kind is null");
    this.errorClass = Objects.requireNonNull(errorClass, "errorClass is null");
    this.attempts = attempts;
    this.lastMessage = Objects.requireNonNull(lastMessage, "lastMessage is null");
    this.retryAfter = retryAfter;
  }

  /** The call was made {@code attempts} times and failed; {@code cause} is the last failure. */
  public static GuardedCallException failed(String guardName, ErrorClass errorClass, int attempts,
      String lastMessage, Optional<Duration> retryAfter, Throwable cause) {
    return new GuardedCallException(guardName, Kind.FAILED, errorClass, attempts, lastMessage,
        retryAfter.orElse(null), cause);
  }

  /**
   * The breaker refused the call; {@code lastErrorClass} is what made it open and
   * {@code untilHalfOpen} how long until it admits a probe.
   */
  public static GuardedCallException circuitOpen(String guardName, ErrorClass lastErrorClass,
      int attempts, String lastMessage, Duration untilHalfOpen) {
    return new GuardedCallException(guardName, Kind.CIRCUIT_OPEN, lastErrorClass, attempts,
        lastMessage, untilHalfOpen, null);
  }

  /** The bulkhead refused the call: classified {@link ErrorClass#OVERLOADED} (we are saturated). */
  public static GuardedCallException bulkheadFull(String guardName, int attempts, int maxConcurrent) {
    return new GuardedCallException(guardName, Kind.BULKHEAD_FULL, ErrorClass.OVERLOADED, attempts,
        "more than " + maxConcurrent + " concurrent calls", null, null);
  }

  /** The calling thread was interrupted; its interrupt flag is set again. */
  public static GuardedCallException interrupted(String guardName, int attempts, Throwable cause) {
    return new GuardedCallException(guardName, Kind.INTERRUPTED, ErrorClass.TIMEOUT, attempts,
        "interrupted", null, cause);
  }

  /** The provider or tool name whose guard refused or gave up. */
  public String guardName() {
    return guardName;
  }

  public Kind kind() {
    return kind;
  }

  /** True when the breaker refused the call (the router reports {@code circuit_open}). */
  public boolean circuitOpen() {
    return kind == Kind.CIRCUIT_OPEN;
  }

  @Override
  public ErrorClass errorClass() {
    return errorClass;
  }

  /** How many times the callee was invoked (0 when refused before the first attempt). */
  public int attempts() {
    return attempts;
  }

  /** The last failure's message, redacted of secrets and truncated. */
  public String lastMessage() {
    return lastMessage;
  }

  /** For {@link Kind#CIRCUIT_OPEN}: time until a probe is admitted; else the service's Retry-After. */
  @Override
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Never: the guard has already retried as much as its policy allows. */
  @Override
  public boolean retryable() {
    return false;
  }

  /** An outer guard counts only real failures, never a refusal by an inner guard. */
  @Override
  public boolean countsAgainstCircuit() {
    return kind == Kind.FAILED && errorClass.retryable();
  }

  private static String describe(Kind kind, ErrorClass errorClass, int attempts) {
    return switch (kind) {
      case FAILED -> errorClass.wireName() + " after " + attempts
          + (attempts == 1 ? " attempt" : " attempts");
      case CIRCUIT_OPEN -> "circuit open (last failure " + errorClass.wireName() + ")";
      case BULKHEAD_FULL -> "bulkhead full";
      case INTERRUPTED -> "interrupted after " + attempts + " attempts";
    };
  }
}
