package dev.taskorchestrator.server.config;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Checks every {@link Allowed} declaration against the merged configuration tree, before it is bound:
 * the tree still holds the values as written (so the message quotes {@code 0s}, not {@code PT0S}), and
 * no record constructor of another module has refused a value first with its own words. A value of the
 * wrong type is left alone here; binding reports it.
 */
final class AllowedValues {

  private AllowedValues() {}

  /** Throws the {@link ConfigException} of the first value that is not allowed. */
  static void check(JsonNode tree, Map<String, String> origins) {
    checkRecord(OrchestratorConfig.class, tree, "", origins);
  }

  private static void checkRecord(Class<?> type, JsonNode node, String prefix, Map<String, String> origins) {
    if (node == null || !node.isObject()) {
      return;
    }
    for (RecordComponent c : type.getRecordComponents()) {
      String path = prefix + ConfigSchema.key(c);
      JsonNode child = node.get(ConfigSchema.key(c));
      Allowed allowed = ConfigSchema.allowed(type, c);
      if (child == null || child.isNull() || child.isMissingNode()) {
        if (allowed != null && allowed.required()) {
          throw new ConfigException("configuration: " + path + " is missing" + origin(prefix, origins)
              + "; it is required" + (allowed.hint().isEmpty() ? "" : " (" + allowed.hint() + ")"));
        }
        continue;
      }
      if (allowed != null) {
        checkValue(allowed, c.getGenericType(), child, node, path, origins, false);
      }
      descend(c.getGenericType(), child, path, origins);
    }
    // Keys bounded by a sibling, once every key has been checked on its own.
    for (RecordComponent c : type.getRecordComponents()) {
      JsonNode child = node.get(ConfigSchema.key(c));
      Allowed allowed = ConfigSchema.allowed(type, c);
      if (allowed != null && child != null && !child.isNull()) {
        checkValue(allowed, c.getGenericType(), child, node, prefix + ConfigSchema.key(c), origins, true);
      }
    }
  }

  private static void descend(Type type, JsonNode node, String path, Map<String, String> origins) {
    Class<?> raw = ConfigSchema.raw(type);
    if (raw.isRecord()) {
      checkRecord(raw, node, path + ".", origins);
    } else if (java.util.List.class.isAssignableFrom(raw) && node.isArray()) {
      Class<?> element = ConfigSchema.raw(ConfigSchema.typeArgument(type, 0));
      for (int i = 0; element.isRecord() && i < node.size(); i++) {
        checkRecord(element, node.get(i), path + "[" + i + "].", origins);
      }
    } else if (Map.class.isAssignableFrom(raw) && node.isObject()) {
      Class<?> value = ConfigSchema.raw(ConfigSchema.typeArgument(type, 1));
      if (value.isRecord()) {
        node.properties().forEach(e -> checkRecord(value, e.getValue(), path + "." + e.getKey() + ".", origins));
      }
    }
  }

  private static void checkValue(Allowed allowed, Type type, JsonNode value, JsonNode siblings, String path,
      Map<String, String> origins, boolean againstSiblings) {
    Class<?> raw = ConfigSchema.raw(type);
    if (java.util.List.class.isAssignableFrom(raw)) {
      for (int i = 0; value.isArray() && i < value.size(); i++) {
        checkValue(allowed, ConfigSchema.typeArgument(type, 0), value.get(i), siblings, path + "[" + i + "]",
            origins, againstSiblings);
      }
      return;
    }
    if (Map.class.isAssignableFrom(raw)) {
      if (value.isObject()) {
        value.properties().forEach(e -> checkValue(allowed, ConfigSchema.typeArgument(type, 1), e.getValue(),
            siblings, path + "." + e.getKey(), origins, againstSiblings));
      }
      return;
    }
    ValueRule rule = ValueRule.of(allowed, raw);
    Optional<String> violated = rule.violation(value, siblings, againstSiblings);
    if (violated.isEmpty()) {
      return;
    }
    if (againstSiblings) {
      throw together(rule, violated.get(), value, siblings, path, origins);
    }
    throw allowed.secret() ? ConfigException.badHiddenValue(path, origin(path, origins), violated.get())
        : ConfigException.badValue(path, text(value), origin(path, origins), violated.get());
  }

  /**
   * Two keys that do not fit together. The message leads with the key that was set when the other kept
   * its default: that is the one the user wrote, and the one to change.
   */
  private static ConfigException together(ValueRule rule, String allowed, JsonNode value, JsonNode siblings,
      String path, Map<String, String> origins) {
    String parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.') + 1) : "";
    String own = path.substring(parent.length());
    for (String sibling : rule.siblingBounds()) {
      String siblingPath = parent + sibling;
      if (!origins.containsKey(path) && origins.containsKey(siblingPath)) {
        return new ConfigException("configuration: " + siblingPath + " = '" + text(siblings.get(sibling)) + "'"
            + origins.get(siblingPath) + " is not allowed with " + path + " = '" + text(value) + "' (its default); "
            + own + " must be " + allowed.substring("use ".length()) + "; change either");
      }
    }
    return ConfigException.badValue(path, text(value), origin(path, origins), allowed);
  }

  private static String text(JsonNode value) {
    return value == null ? "" : value.isValueNode() ? value.asString() : value.toString();
  }

  /** Where {@code path} (or the nearest enclosing key that has one) was set, as " (from …)". */
  static String origin(String path, Map<String, String> origins) {
    String p = path.endsWith(".") ? path.substring(0, path.length() - 1) : path;
    while (!p.isEmpty()) {
      String o = origins.get(p);
      if (o != null) {
        return o;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
    return "";
  }
}
