package dev.taskorchestrator.patterns;

import java.util.Locale;

/** Whether a pattern may leave this project (pushed to a federation hub). */
public enum Visibility {
  PRIVATE, SHARED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Visibility fromWireName(String name) {
    return switch (name) {
      case "private" -> PRIVATE;
      case "shared" -> SHARED;
      default -> throw new IllegalArgumentException("visibility must be private or shared, got: " + name);
    };
  }
}
