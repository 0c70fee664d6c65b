package dev.taskorchestrator.resilience.internal;

import dev.taskorchestrator.resilience.ClassifiedFailure;
import dev.taskorchestrator.resilience.ErrorClass;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * A failed attempt as the resilience layer sees it: its class, whether to retry it, whether it
 * counts against the breaker, the service's Retry-After and a redacted message.
 */
public record ResilienceFailure(
    Throwable cause,
    ErrorClass errorClass,
    boolean retryable,
    boolean countsAgainstCircuit,
    Optional<Duration> retryAfter,
    String message) {

  public ResilienceFailure {
    Objects.requireNonNull(cause, "cause is null");
    Objects.requireNonNull(errorClass, "errorClass is null");
    Objects.requireNonNull(retryAfter, "retryAfter is null");
    Objects.requireNonNull(message, "message is null");
  }

  /** Classifies {@code thrown}: by {@link ClassifiedFailure} if it is one, else by its type. */
  public static ResilienceFailure classify(Throwable thrown) {
    Throwable t = unwrap(thrown);
    if (t instanceof ClassifiedFailure cf) {
      return new ResilienceFailure(t, cf.errorClass(), cf.retryable(), cf.countsAgainstCircuit(),
          cf.retryAfter().filter(d -> !d.isNegative()), BreakerMessages.redact(t.getMessage()));
    }
    ErrorClass c = byType(t);
    return new ResilienceFailure(t, c, c.retryable(), c.retryable(), Optional.empty(), describe(t));
  }

  /** An attempt that the guard abandoned at its deadline. */
  public static ResilienceFailure timeout(Throwable thrown, Duration timeout) {
    return new ResilienceFailure(thrown, ErrorClass.TIMEOUT, true, true, Optional.empty(),
        "no answer within " + timeout.toMillis() + " ms");
  }

  private static ErrorClass byType(Throwable t) {
    if (t instanceof HttpTimeoutException || t instanceof InterruptedIOException
        || t instanceof TimeoutException) {
      return ErrorClass.TIMEOUT;
    }
    if (t instanceof IOException) {
      return ErrorClass.NETWORK;
    }
    return ErrorClass.SERVER;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof CompletionException || current instanceof ExecutionException
            || current instanceof UncheckedIOException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    String type = t.getClass().getSimpleName();
    return BreakerMessages.redact(message == null ? type : type + ": " + message);
  }
}
