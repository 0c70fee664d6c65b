package dev.taskorchestrator.tools;

import java.util.Map;

/** Reads tool arguments with messages a model can act on. */
final class Arguments {

  /** Arguments that cannot be used; the message says which and why. */
  static final class Invalid extends RuntimeException {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  private final Map<String, Object> args;

  Arguments(Map<String, Object> args) {
    this.args = args == null ? Map.of() : args;
  }

  static Arguments of(io.modelcontextprotocol.spec.McpSchema.CallToolRequest request) {
    return new Arguments(request.arguments());
  }

  String requiredString(String name) {
    String v = optionalString(name);
    if (v == null || v.isBlank()) {
      throw new Invalid("'" + name + "' is required and must be a non-empty string");
    }
    return v;
  }

  String optionalString(String name) {
    Object v = args.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new Invalid("'" + name + "' must be a string");
    }
    return s;
  }

  Integer optionalInt(String name, int min, int max) {
    Object v = args.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new Invalid("'" + name + "' must be a whole number");
    }
    long value = n.longValue();
    if (value < min || value > max) {
      throw new Invalid("'" + name + "' must be between " + min + " and " + max + ", was " + value);
    }
    return (int) value;
  }

  java.math.BigDecimal optionalDecimal(String name) {
    Object v = args.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n)) {
      throw new Invalid("'" + name + "' must be a number");
    }
    try {
      return new java.math.BigDecimal(n.toString());
    } catch (NumberFormatException e) {
      throw new Invalid("'" + name + "' must be a finite number");
    }
  }

  Double optionalNumber(String name) {
    Object v = args.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n)) {
      throw new Invalid("'" + name + "' must be a number");
    }
    return n.doubleValue();
  }

  Boolean optionalBooleanOrNull(String name) {
    return args.get(name) == null ? null : optionalBoolean(name);
  }

  boolean optionalBoolean(String name) {
    Object v = args.get(name);
    if (v == null) {
      return false;
    }
    if (!(v instanceof Boolean b)) {
      throw new Invalid("'" + name + "' must be true or false");
    }
    return b;
  }
}
