package dev.taskorchestrator.resilience;

import java.util.Locale;

/** What a circuit breaker protects: a model provider, or one downstream MCP tool ({@code server.tool}). */
public enum BreakerKind {
  PROVIDER,
  TOOL;

  /** The lower-case name used in storage and tool results. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #wireName()}. */
  public static BreakerKind ofWireName(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}
