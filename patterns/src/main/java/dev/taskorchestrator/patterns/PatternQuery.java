package dev.taskorchestrator.patterns;

import java.util.Optional;

/**
 * A search over stored patterns (query_patterns).
 *
 * @param text full-text query over message, target and advice (ranked by bm25); empty lists by
 *     effective confidence
 * @param target only this exact target
 * @param errorClass only this error class
 * @param minConfidence only patterns whose effective confidence is at least this
 * @param includeDisabled whether disabled patterns are listed
 * @param limit at most this many, 1..{@value #MAX_LIMIT}
 */
public record PatternQuery(Optional<String> text, Optional<String> target, Optional<String> errorClass,
    double minConfidence, boolean includeDisabled, int limit) {

  public static final int MAX_LIMIT = 500;
  public static final int DEFAULT_LIMIT = 20;

  public PatternQuery {
    text = text.map(String::strip).filter(t -> !t.isEmpty());
    target.ifPresent(Target::check);
    errorClass.ifPresent(ErrorClasses::check);
    if (!(minConfidence >= 0 && minConfidence <= 1)) {
      throw new IllegalArgumentException("minConfidence must be within [0, 1]: " + minConfidence);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
    }
  }

  /** Every enabled pattern, most confident first. */
  public static PatternQuery all() {
    return new PatternQuery(Optional.empty(), Optional.empty(), Optional.empty(), 0, false, DEFAULT_LIMIT);
  }

  public static PatternQuery text(String text) {
    return all().withText(text);
  }

  public PatternQuery withText(String value) {
    return new PatternQuery(Optional.of(value), target, errorClass, minConfidence, includeDisabled, limit);
  }

  public PatternQuery withTarget(String value) {
    return new PatternQuery(text, Optional.of(value), errorClass, minConfidence, includeDisabled, limit);
  }

  public PatternQuery withErrorClass(String value) {
    return new PatternQuery(text, target, Optional.of(value), minConfidence, includeDisabled, limit);
  }

  public PatternQuery withMinConfidence(double value) {
    return new PatternQuery(text, target, errorClass, value, includeDisabled, limit);
  }

  public PatternQuery withIncludeDisabled(boolean value) {
    return new PatternQuery(text, target, errorClass, minConfidence, value, limit);
  }

  public PatternQuery withLimit(int value) {
    return new PatternQuery(text, target, errorClass, minConfidence, includeDisabled, value);
  }
}
