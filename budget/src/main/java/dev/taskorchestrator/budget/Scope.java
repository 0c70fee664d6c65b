package dev.taskorchestrator.budget;

import java.util.Locale;

/** What a budget limit applies to. */
public enum Scope {
  /** One task and, through the task tree, its sub-tasks; id = task id. */
  TASK,
  /** One client session; id = session id. */
  SESSION,
  /** Every calendar day in the configured time zone; one limit for all days. */
  DAY,
  /** Every calendar month in the configured time zone; one limit for all months. */
  MONTH,
  /** One provider per calendar day; id = provider name. */
  PROVIDER;

  /** The lower-case name used in tools and configuration ({@code task}, {@code provider}, …). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #wireName()} (case-insensitive). */
  public static Scope fromWireName(String name) {
    for (Scope s : values()) {
      if (s.wireName().equalsIgnoreCase(name.strip())) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown budget scope '" + name + "'; allowed: task, session, day, month, provider");
  }
}
