package dev.taskorchestrator.patterns;

/** The advice a newly recorded failure starts with, from its target and error class. */
final class DefaultAdvice {

  private DefaultAdvice() {}

  static String of(String target, String errorClass) {
    String name = Target.nameOf(target);
    return switch (Target.kindOf(target)) {
      case TOOL -> "tool " + name + " " + toolProblem(errorClass);
      case PROVIDER -> "provider " + name + " " + providerProblem(errorClass);
      case ARCHETYPE -> "earlier " + name + " output for similar tasks failed its checks ("
          + errorClass + "); follow the requested output format exactly, and check the result "
          + "against the task before answering";
    };
  }

  private static String toolProblem(String errorClass) {
    return switch (errorClass) {
      case ErrorClasses.TIMEOUT -> "timed out recently; prefer alternatives or smaller requests";
      case ErrorClasses.RATE_LIMIT -> "was rate-limited recently; call it sparingly and batch requests";
      case ErrorClasses.NETWORK, ErrorClasses.OVERLOADED, ErrorClasses.SERVER ->
          "failed recently (" + errorClass + "); prefer alternatives and do not retry it in a loop";
      case ErrorClasses.INVALID_REQUEST -> "rejected requests recently; check its arguments against "
          + "its input schema before calling it";
      case ErrorClasses.AUTH -> "refused our credentials recently; do not rely on it";
      default -> "failed recently (" + errorClass + "); check its results carefully";
    };
  }

  private static String providerProblem(String errorClass) {
    return switch (errorClass) {
      case ErrorClasses.CONTENT, ErrorClasses.QUALITY -> "returned refused or unusable output "
          + "recently; keep the answer within the requested format and policy";
      case ErrorClasses.INVALID_REQUEST -> "rejected requests recently; keep requests within its limits";
      default -> "failed recently (" + errorClass + "); keep requests small so a fallback can finish them";
    };
  }
}
