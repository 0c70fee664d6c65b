package dev.taskorchestrator.patterns;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds and checks the failure targets patterns are keyed by: {@code provider:NAME/MODEL},
 * {@code tool:SERVER.TOOL} and {@code archetype:NAME} (the last for output-quality failures).
 */
public final class Target {

  /** The three kinds of thing a failure can be blamed on. */
  public enum Kind { PROVIDER, TOOL, ARCHETYPE }

  private static final Pattern PROVIDER = Pattern.compile("provider:[^/\\s]+/\\S+");
  private static final Pattern TOOL = Pattern.compile("tool:[^.\\s]+\\.\\S+");
  private static final Pattern ARCHETYPE = Pattern.compile("archetype:[^\\s:]+");
  private static final Pattern TOOL_NAME = Pattern.compile("[^.\\s]+\\.\\S+");
  private static final int MAX_LENGTH = 200;

  private Target() {}

  /** {@code provider:openai/gpt-4o}. */
  public static String provider(String name, String model) {
    return check("provider:" + Objects.requireNonNull(name, "name is null") + "/"
        + Objects.requireNonNull(model, "model is null"));
  }

  /** {@code tool:search.web}. */
  public static String tool(String server, String tool) {
    return check("tool:" + Objects.requireNonNull(server, "server is null") + "."
        + Objects.requireNonNull(tool, "tool is null"));
  }

  /** {@code tool:search.web} from the qualified tool name {@code search.web}. */
  public static String tool(String qualifiedTool) {
    return check("tool:" + checkToolName(qualifiedTool));
  }

  /** {@code archetype:researcher}. */
  public static String archetype(String name) {
    return check("archetype:" + Objects.requireNonNull(name, "name is null"));
  }

  /** The kind of a well-formed target. */
  public static Kind kindOf(String target) {
    check(target);
    return target.startsWith("provider:") ? Kind.PROVIDER
        : target.startsWith("tool:") ? Kind.TOOL : Kind.ARCHETYPE;
  }

  /** The part after the prefix: {@code search.web} for {@code tool:search.web}. */
  public static String nameOf(String target) {
    check(target);
    return target.substring(target.indexOf(':') + 1);
  }

  /** Returns {@code target} if it is well-formed, else throws naming what is allowed. */
  public static String check(String target) {
    Objects.requireNonNull(target, "target is null");
    boolean ok = target.length() <= MAX_LENGTH && (PROVIDER.matcher(target).matches()
        || TOOL.matcher(target).matches() || ARCHETYPE.matcher(target).matches());
    if (!ok) {
      throw new IllegalArgumentException("target must be provider:NAME/MODEL, tool:SERVER.TOOL or "
          + "archetype:NAME (at most " + MAX_LENGTH + " characters), got: " + target);
    }
    return target;
  }

  /** Returns a qualified tool name ({@code server.tool}) if well-formed, else throws. */
  public static String checkToolName(String tool) {
    Objects.requireNonNull(tool, "tool is null");
    if (tool.length() > MAX_LENGTH || !TOOL_NAME.matcher(tool).matches()) {
      throw new IllegalArgumentException("tool must be SERVER.TOOL, got: " + tool);
    }
    return tool;
  }
}
