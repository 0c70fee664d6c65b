package dev.taskorchestrator.agents.internal;

import static java.util.Objects.requireNonNull;

import dev.taskorchestrator.redaction.Redactor;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * An API key read from the environment. Only {@link #value()} reveals it, for the request header;
 * {@link #toString()} and every message name the environment variable instead.
 */
final class ApiKey {
  private final String envName;
  private final String value;
  private final Redactor scrubber;

  private ApiKey(String envName, String value) {
    this.envName = requireNonNull(envName, "envName is null");
    this.value = value;
    this.scrubber = Redactor.of(value == null ? List.of() : List.of(value), List.of());
  }

  /** Reads the key from {@code envName}; a missing or blank variable gives an absent key. */
  public static ApiKey fromEnv(String envName, Function<String, String> env) {
    String raw = env.apply(envName);
    return new ApiKey(envName, raw == null || raw.isBlank() ? null : raw.strip());
  }

  public String envName() {
    return envName;
  }

  /** The key, for the request header only. */
  Optional<String> value() {
    return Optional.ofNullable(value);
  }

  boolean present() {
    return value != null;
  }

  /**
   * {@code text} with the key masked, also where only part of it is echoed, and with secrets of the common
   * shapes masked: for provider-supplied messages.
   */
  String scrub(String text) {
    return text == null ? null : scrubber.redact(text);
  }

  /** Why a 401/403 happened, in words that name the variable and never the key. */
  String refusedMessage(int status) {
    return present()
        ? "the API key from environment variable " + envName + " was refused (HTTP " + status + ")"
        : "no API key: environment variable " + envName + " is not set (HTTP " + status + ")";
  }

  @Override
  public String toString() {
    return "ApiKey[env=" + envName + (present() ? ", set" : ", unset") + "]";
  }
}
