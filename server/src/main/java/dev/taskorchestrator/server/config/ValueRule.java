package dev.taskorchestrator.server.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/** One {@link Allowed} declaration applied to one value of a given type; says what is allowed when broken. */
record ValueRule(Allowed allowed, Kind kind) {

  /** How a key's values compare. */
  enum Kind { WHOLE, NUMBER, DURATION, TEXT, OTHER }

  static ValueRule of(Allowed allowed, Class<?> type) {
    return new ValueRule(allowed, kindOf(type));
  }

  static Kind kindOf(Class<?> t) {
    if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
      return Kind.WHOLE;
    }
    if (t == double.class || t == Double.class || t == BigDecimal.class) {
      return Kind.NUMBER;
    }
    return t == Duration.class ? Kind.DURATION : t == String.class ? Kind.TEXT : Kind.OTHER;
  }

  /**
   * Empty when {@code value} is allowed or of another type (binding reports that); else what is allowed.
   * With {@code againstSiblings} false only the declaration's own bounds are checked, with true only the
   * bounds that name a sibling key: every key is checked on its own before keys are checked together.
   */
  Optional<String> violation(JsonNode value, JsonNode siblings, boolean againstSiblings) {
    if (kind == Kind.TEXT) {
      return value.isString() && !againstSiblings ? textViolation(value.asString()) : Optional.empty();
    }
    Optional<Comparable<Object>> v = parse(value);
    if (v.isEmpty() || againstSiblings && siblingBounds().isEmpty()) {
      return Optional.empty();
    }
    Object plain = v.get();
    boolean ok = atLeast(v.get(), bound(allowed.min(), siblings, againstSiblings), true)
        && atMost(v.get(), bound(allowed.max(), siblings, againstSiblings), true)
        && atLeast(v.get(), bound(allowed.above(), siblings, againstSiblings), false)
        && atMost(v.get(), bound(allowed.below(), siblings, againstSiblings), false)
        && (againstSiblings || allowed.decimals() < 0 || !(plain instanceof BigDecimal d)
            || d.stripTrailingZeros().scale() <= allowed.decimals());
    return ok ? Optional.empty() : Optional.of(describe(siblings));
  }

  /** The sibling keys this declaration's bounds name. */
  List<String> siblingBounds() {
    return java.util.stream.Stream.of(allowed.min(), allowed.max(), allowed.above(), allowed.below())
        .filter(b -> !b.isEmpty() && isSibling(b)).toList();
  }

  private Optional<String> textViolation(String text) {
    if (allowed.oneOf().length > 0 && !Arrays.asList(allowed.oneOf()).contains(text)) {
      return Optional.of("use " + or(Arrays.asList(allowed.oneOf())) + hint());
    }
    if (!allowed.pattern().isEmpty() && !text.matches(allowed.pattern())) {
      return Optional.of(allowed.hint().isEmpty() ? "must match " + allowed.pattern() : allowed.hint());
    }
    if (allowed.regex()) {
      try {
        Pattern.compile(text);
      } catch (PatternSyntaxException e) {
        return Optional.of("use a valid regular expression (" + e.getDescription() + " near position "
            + Math.max(0, e.getIndex()) + ")");
      }
    }
    return Optional.empty();
  }

  /** "use a whole number from 1 to 100 (hint)", from the declaration's bounds. */
  String describe(JsonNode siblings) {
    String min = label(allowed.min(), siblings);
    String max = label(allowed.max(), siblings);
    String above = label(allowed.above(), siblings);
    String below = label(allowed.below(), siblings);
    boolean positive = above.equals("0") || above.equals("0s");
    List<String> parts = new ArrayList<>();
    if (!min.isEmpty() && !max.isEmpty()) {
      parts.add("from " + min + " to " + max);
    } else {
      if (!min.isEmpty()) {
        parts.add("of " + min + " or more");
      }
      if (!above.isEmpty() && !positive) {
        parts.add("above " + above);
      }
      if (!max.isEmpty()) {
        parts.add((parts.isEmpty() ? "of " : "") + "at most " + max);
      }
      if (!below.isEmpty()) {
        parts.add("below " + below);
      }
    }
    String range = String.join(" and ", parts)
        + (allowed.decimals() >= 0 ? " with at most " + allowed.decimals() + " decimals" : "");
    return "use a " + (positive ? "positive " : "") + noun() + (range.isBlank() ? "" : " " + range.strip()) + hint();
  }

  private String noun() {
    return switch (kind) {
      case WHOLE -> "whole number";
      case NUMBER -> "number";
      case DURATION -> "duration";
      default -> "value";
    };
  }

  private String hint() {
    return allowed.hint().isEmpty() ? "" : " (" + allowed.hint() + ")";
  }

  private static String or(List<String> values) {
    return values.size() == 1 ? values.get(0)
        : String.join(", ", values.subList(0, values.size() - 1)) + " or " + values.get(values.size() - 1);
  }

  private static boolean isSibling(String bound) {
    return bound.matches("[a-z][a-z0-9-]*") && !bound.matches("\\d.*");
  }

  /** A bound as written, or a sibling key with its value: {@code window-size (10)}. */
  private String label(String bound, JsonNode siblings) {
    if (bound.isEmpty() || !isSibling(bound)) {
      return bound;
    }
    JsonNode s = siblings.get(bound);
    return s == null || s.isNull() ? bound : bound + " (" + (s.isValueNode() ? s.asString() : s) + ")";
  }

  private Optional<Comparable<Object>> bound(String bound, JsonNode siblings, boolean againstSiblings) {
    if (bound.isEmpty() || isSibling(bound) != againstSiblings) {
      return Optional.empty();
    }
    if (againstSiblings) {
      JsonNode s = siblings.get(bound);
      return s == null ? Optional.empty() : parse(s);
    }
    return parseText(bound);
  }

  private static boolean atLeast(Comparable<Object> v, Optional<Comparable<Object>> bound, boolean inclusive) {
    return bound.map(b -> inclusive ? v.compareTo(b) >= 0 : v.compareTo(b) > 0).orElse(true);
  }

  private static boolean atMost(Comparable<Object> v, Optional<Comparable<Object>> bound, boolean inclusive) {
    return bound.map(b -> inclusive ? v.compareTo(b) <= 0 : v.compareTo(b) < 0).orElse(true);
  }

  /** The value as this kind compares it, or empty when it is not of this kind. */
  private Optional<Comparable<Object>> parse(JsonNode n) {
    if (n.isNumber() && kind != Kind.DURATION) {
      if (kind == Kind.WHOLE && !n.isIntegralNumber()) {
        return Optional.empty();
      }
      return Optional.of(cast(n.decimalValue()));
    }
    return n.isString() ? parseText(n.asString()) : Optional.empty();
  }

  private Optional<Comparable<Object>> parseText(String text) {
    try {
      return switch (kind) {
        case DURATION -> Optional.of(cast(Durations.parse(text)));
        case WHOLE -> {
          BigDecimal d = new BigDecimal(text.strip());
          yield d.stripTrailingZeros().scale() <= 0 ? Optional.of(cast(d)) : Optional.empty();
        }
        case NUMBER -> Optional.of(cast(new BigDecimal(text.strip())));
        default -> Optional.empty();
      };
    } catch (IllegalArgumentException e) { // NumberFormatException too
      return Optional.empty();
    }
  }

  @SuppressWarnings("unchecked")
  private static Comparable<Object> cast(Comparable<?> c) {
    return (Comparable<Object>) c;
  }
}
