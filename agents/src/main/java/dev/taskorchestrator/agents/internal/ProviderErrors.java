package dev.taskorchestrator.agents.internal;

import dev.taskorchestrator.resilience.ErrorClass;
import dev.taskorchestrator.agents.ProviderException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Turns provider failures into {@link ProviderException}s. Both wire formats carry
 * {@code error.type} and {@code error.message}; OpenAI adds {@code error.code}, Anthropic puts
 * spend-limit details in {@code error.details.error_code}.
 */
final class ProviderErrors {
  private static final int MAX_DETAIL = 300;
  /** Quota or spend-cap errors: 429 / 402 that no retry can fix; the account is refused. */
  private static final Set<String> QUOTA_CODES = Set.of("insufficient_quota",
      "enforced_spend_limit_reached", "billing_error", "billing_hard_limit_reached");

  private final String provider;
  private final ApiKey key;

  ProviderErrors(String provider, ApiKey key) {
    this.provider = provider;
    this.key = key;
  }

  /** An HTTP error status (not 2xx). */
  ProviderException fromStatus(ProviderHttp.Reply reply, Optional<Duration> retryAfter) {
    int status = reply.status();
    JsonNode error = ProviderJson.errorObject(reply.body());
    String type = ProviderJson.text(error.path("type"));
    String code = firstNonEmpty(ProviderJson.text(error.path("code")),
        ProviderJson.text(error.path("details").path("error_code")));
    ErrorClass errorClass = classify(status, type, code);
    if (errorClass == ErrorClass.AUTH && (status == 401 || status == 403)) {
      return new ProviderException(ErrorClass.AUTH, provider, key.refusedMessage(status),
          Optional.empty(), status);
    }
    String message = "HTTP " + status + describe(type, code, ProviderJson.text(error.path("message")),
        reply.body());
    return new ProviderException(errorClass, provider, message,
        errorClass.retryable() ? retryAfter : Optional.empty(), status);
  }

  /** An error object that came with HTTP 2xx (gateways and Ollama do this). */
  ProviderException inBody(int status, JsonNode error, Optional<Duration> retryAfter) {
    String type = ProviderJson.text(error.path("type"));
    String code = ProviderJson.text(error.path("code"));
    ErrorClass errorClass = switch (type) {
      case "overloaded_error" -> ErrorClass.OVERLOADED;
      case "rate_limit_error", "rate_limit_exceeded" -> ErrorClass.RATE_LIMIT;
      case "authentication_error", "permission_error" -> ErrorClass.AUTH;
      case "invalid_request_error", "not_found_error" -> ErrorClass.INVALID_REQUEST;
      default -> ErrorClass.SERVER;
    };
    if (errorClass == ErrorClass.AUTH) {
      return new ProviderException(errorClass, provider, key.refusedMessage(status),
          Optional.empty(), status);
    }
    return new ProviderException(errorClass, provider, "error object in an HTTP " + status
        + " answer" + describe(type, code, ProviderJson.text(error.path("message")), ""),
        errorClass.retryable() ? retryAfter : Optional.empty(), status);
  }

  /** A 2xx answer we cannot use as a model answer. */
  ProviderException malformed(int status, String what) {
    return new ProviderException(ErrorClass.SERVER, provider, "malformed answer: " + what,
        Optional.empty(), status);
  }

  /** The model refused, was filtered, or said nothing. */
  ProviderException content(int status, String what) {
    return new ProviderException(ErrorClass.CONTENT, provider, key.scrub(clip(what)),
        Optional.empty(), status);
  }

  static ErrorClass classify(int status, String type, String code) {
    if (QUOTA_CODES.contains(code) || QUOTA_CODES.contains(type) || status == 402) {
      return ErrorClass.AUTH;
    }
    if (status == 529 || "overloaded_error".equals(type)) {
      return ErrorClass.OVERLOADED;
    }
    return switch (status) {
      case 401, 403 -> ErrorClass.AUTH;
      case 408 -> ErrorClass.TIMEOUT;
      case 409 -> ErrorClass.SERVER;
      case 429 -> ErrorClass.RATE_LIMIT;
      default -> status >= 500 ? ErrorClass.SERVER : ErrorClass.INVALID_REQUEST;
    };
  }

  private String describe(String type, String code, String message, String body) {
    StringBuilder out = new StringBuilder();
    if (!type.isEmpty()) {
      out.append(' ').append(type);
    }
    if (!code.isEmpty() && !code.equals(type)) {
      out.append(" (").append(code).append(')');
    }
    String detail = !message.isEmpty() ? message : body == null ? "" : body.strip();
    if (!detail.isEmpty()) {
      out.append(": ").append(clip(key.scrub(detail)));
    }
    return out.toString();
  }

  private static String clip(String s) {
    String oneLine = s.replaceAll("\\s+", " ");
    return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL) + "…";
  }

  private static String firstNonEmpty(String a, String b) {
    return a.isEmpty() ? b : a;
  }
}
