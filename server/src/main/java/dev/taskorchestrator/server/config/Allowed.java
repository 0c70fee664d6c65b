package dev.taskorchestrator.server.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The values a configuration key accepts, declared on the record component the key binds to (or, for
 * a record of another module, on the same-named method of its entry in {@link ForeignSettings}).
 * {@link AllowedValues} checks every declaration against the merged configuration before it is bound,
 * so a new key gets its check and its one-line message ("KEY = 'VALUE' (from ORIGIN) is not allowed;
 * use …") by declaring it here. On a list or map component the declaration applies to each element.
 *
 * <p>Bounds are numbers or durations as the key takes them ({@code "0"}, {@code "1ms"}), or the name of
 * a sibling key ({@code max = "window-size"}), which bounds by that key's value.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.METHOD})
@interface Allowed {

  /** The smallest value allowed (inclusive). */
  String min() default "";

  /** The largest value allowed (inclusive). */
  String max() default "";

  /** Values must be greater than this. */
  String above() default "";

  /** Values must be smaller than this. */
  String below() default "";

  /** The most decimals a number may have (-1: any). */
  int decimals() default -1;

  /** The only values allowed (text keys). */
  String[] oneOf() default {};

  /** A regular expression the whole text must match; {@link #hint()} then says what is expected. */
  String pattern() default "";

  /** The text must be a valid regular expression. */
  boolean regex() default false;

  /** The key must be given. */
  boolean required() default false;

  /** The value may be a secret pasted by mistake (a key instead of a variable's name): never echo it. */
  boolean secret() default false;

  /** Appended to what is allowed, in parentheses: a unit, an example, what a special value means. */
  String hint() default "";
}
