package dev.taskorchestrator.agents;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which downstream tools (named {@code server.tool}) an archetype may call. Deny beats allow; a
 * read-only archetype may call only tools annotated {@code readOnlyHint: true}. Enforced when a call is
 * made, not only described in the prompt.
 *
 * @param allow globs ({@code *} any run of characters, {@code ?} one) of permitted tools
 * @param deny globs of refused tools; they win over {@code allow}
 * @param readOnly whether only tools annotated read-only may be called
 */
public record ToolPermissions(List<String> allow, List<String> deny, boolean readOnly) {

  public ToolPermissions {
    allow = List.copyOf(Objects.requireNonNull(allow, "allow is null"));
    deny = List.copyOf(Objects.requireNonNull(deny, "deny is null"));
  }

  /** Every configured tool, within the read-only flag. */
  public static ToolPermissions all(boolean readOnly) {
    return new ToolPermissions(List.of("*"), List.of(), readOnly);
  }

  /**
   * Decides one call.
   *
   * @return empty when permitted, else the reason in words the model can act on
   */
  public java.util.Optional<String> refusal(String qualifiedTool, boolean readOnlyHint) {
    if (deny.stream().anyMatch(g -> matches(g, qualifiedTool))) {
      return java.util.Optional.of("tool " + qualifiedTool + " is denied to this agent");
    }
    if (allow.stream().noneMatch(g -> matches(g, qualifiedTool))) {
      return java.util.Optional.of("tool " + qualifiedTool + " is not in this agent's allowed tools");
    }
    if (readOnly && !readOnlyHint) {
      return java.util.Optional.of("tool " + qualifiedTool
          + " may change things (it is not annotated readOnlyHint) and this agent is read-only");
    }
    return java.util.Optional.empty();
  }

  static boolean matches(String glob, String name) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return name.matches(regex.toString());
  }
}
