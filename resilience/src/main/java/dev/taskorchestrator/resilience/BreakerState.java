package dev.taskorchestrator.resilience;

import java.util.Locale;

/** The state of a circuit breaker as users see it. */
public enum BreakerState {
  /** Calls flow; failures are counted. */
  CLOSED,
  /** Calls are refused without reaching the service until the open interval ends. */
  OPEN,
  /** The open interval ended: single probe calls are admitted to test whether the service is back. */
  HALF_OPEN;

  /** The lower-case name used in storage and tool results ({@code half_open}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #wireName()}. */
  public static BreakerState ofWireName(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}
