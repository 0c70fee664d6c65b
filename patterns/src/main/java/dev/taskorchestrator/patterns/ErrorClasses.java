package dev.taskorchestrator.patterns;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The error classes patterns know, as lower-case wire names (the same names the agents module's
 * {@code ErrorClass.wireName()} produces), plus {@value #QUALITY} for output that failed its checks
 * and {@value #UNSPECIFIED} for taught patterns without one.
 */
public final class ErrorClasses {

  public static final String NETWORK = "network";
  public static final String TIMEOUT = "timeout";
  public static final String RATE_LIMIT = "rate_limit";
  public static final String OVERLOADED = "overloaded";
  public static final String SERVER = "server";
  public static final String AUTH = "auth";
  public static final String INVALID_REQUEST = "invalid_request";
  public static final String NOT_FOUND = "not_found";
  public static final String CONFIGURATION = "configuration";
  public static final String CONTENT = "content";
  public static final String QUALITY = "quality";
  public static final String UNSPECIFIED = "unspecified";

  /** The names above; others of the same shape are accepted so new classes need no release. */
  public static final Set<String> KNOWN = Set.of(NETWORK, TIMEOUT, RATE_LIMIT, OVERLOADED, SERVER,
      AUTH, INVALID_REQUEST, NOT_FOUND, CONFIGURATION, CONTENT, QUALITY, UNSPECIFIED);

  private static final Pattern SHAPE = Pattern.compile("[a-z][a-z0-9_]{0,31}");

  private ErrorClasses() {}

  /** Returns {@code errorClass} if it is a lower-case snake_case word, else throws. */
  public static String check(String errorClass) {
    Objects.requireNonNull(errorClass, "errorClass is null");
    if (!SHAPE.matcher(errorClass).matches()) {
      throw new IllegalArgumentException(
          "error class must be a lower-case word such as " + KNOWN + ", got: " + errorClass);
    }
    return errorClass;
  }
}
