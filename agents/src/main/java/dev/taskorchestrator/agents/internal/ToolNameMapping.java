package dev.taskorchestrator.agents.internal;

import dev.taskorchestrator.agents.AssistantMessage;
import dev.taskorchestrator.agents.Message;
import dev.taskorchestrator.agents.ModelRequest;
import dev.taskorchestrator.agents.ToolCall;
import dev.taskorchestrator.agents.ToolDefinition;
import dev.taskorchestrator.agents.ToolResultMessage;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps caller-side tool names ({@code server.tool}) to names both wire formats accept
 * ({@code ^[a-zA-Z0-9_-]{1,64}$}) and back, for one request. A dot becomes {@code __}
 * ({@code github.search_issues} → {@code github__search_issues}); other characters become
 * {@code _}; over-long or colliding names get a short hash suffix. Decoding uses the mapping built
 * from the request, so it is exact even when a name itself contains {@code __}.
 */
public final class ToolNameMapping {
  private static final Pattern WIRE_SAFE = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
  private static final int MAX = 64;

  private final Map<String, String> toWire = new HashMap<>();
  private final Map<String, String> fromWire = new HashMap<>();

  private ToolNameMapping() {}

  /** The mapping for every tool name the request mentions (definitions and history). */
  public static ToolNameMapping forRequest(ModelRequest request) {
    ToolNameMapping mapping = new ToolNameMapping();
    for (ToolDefinition tool : request.tools()) {
      mapping.wireName(tool.name());
    }
    for (Message message : request.messages()) {
      if (message instanceof AssistantMessage a) {
        a.toolCalls().stream().map(ToolCall::name).forEach(mapping::wireName);
      } else if (message instanceof ToolResultMessage r) {
        mapping.wireName(r.toolName());
      }
    }
    return mapping;
  }

  /** The wire name for a caller-side name, assigning one on first use. */
  public String wireName(String name) {
    String known = toWire.get(name);
    if (known != null) {
      return known;
    }
    String candidate = sanitise(name);
    if (fromWire.containsKey(candidate)) {
      candidate = withHash(candidate, name);
    }
    toWire.put(name, candidate);
    fromWire.put(candidate, name);
    return candidate;
  }

  /**
   * The caller-side name for a wire name the model used. A name the request never mentioned (the
   * model made it up) is decoded by turning {@code __} back into dots.
   */
  public String originalName(String wireName) {
    String known = fromWire.get(wireName);
    return known != null ? known : wireName.replace("__", ".");
  }

  private static String sanitise(String name) {
    if (WIRE_SAFE.matcher(name).matches()) {
      return name;
    }
    StringBuilder out = new StringBuilder(name.length() + 4);
    for (char c : name.toCharArray()) {
      if (c == '.') {
        out.append("__");
      } else if (c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
        out.append(c);
      } else {
        out.append('_');
      }
    }
    String s = out.isEmpty() ? "tool" : out.toString();
    return s.length() > MAX ? withHash(s, name) : s;
  }

  private static String withHash(String candidate, String original) {
    String hash = Integer.toHexString(
        java.util.Arrays.hashCode(original.getBytes(StandardCharsets.UTF_8)) & 0x7fffffff);
    String suffix = "-" + hash;
    String head = candidate.length() + suffix.length() > MAX
        ? candidate.substring(0, MAX - suffix.length()) : candidate;
    return head + suffix;
  }
}
