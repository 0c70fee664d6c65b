package dev.taskorchestrator.budget;

import java.util.regex.Pattern;

/**
 * An operator's rule that calls to some providers cost nothing (Ollama, vLLM, LM Studio on one's own
 * hardware). Never applied unless configured: an unknown model is otherwise refused, not free.
 *
 * @param providerPattern case-insensitive regex over the provider name/type, or null for any
 * @param baseUrlPattern case-insensitive regex searched in the base URL, or null for any
 */
public record LocalModelRule(String providerPattern, String baseUrlPattern) {

  public LocalModelRule {
    if (providerPattern == null && baseUrlPattern == null) {
      throw new IllegalArgumentException("a local-model rule needs a provider or a base-URL pattern");
    }
    if (providerPattern != null) {
      Pattern.compile(providerPattern);
    }
    if (baseUrlPattern != null) {
      Pattern.compile(baseUrlPattern);
    }
  }

  /** Calls to a provider of this name or type are free. */
  public static LocalModelRule provider(String providerPattern) {
    return new LocalModelRule(providerPattern, null);
  }

  /** Calls to a base URL matching this pattern (e.g. {@code ^https?://(localhost|127\.0\.0\.1)[:/]}) are free. */
  public static LocalModelRule baseUrl(String baseUrlPattern) {
    return new LocalModelRule(null, baseUrlPattern);
  }

  boolean matches(ModelRef ref) {
    if (providerPattern != null && (ref.provider() == null
        || !Pattern.compile(providerPattern, Pattern.CASE_INSENSITIVE).matcher(ref.provider()).matches())) {
      return false;
    }
    return baseUrlPattern == null || (ref.baseUrl() != null
        && Pattern.compile(baseUrlPattern, Pattern.CASE_INSENSITIVE).matcher(ref.baseUrl()).find());
  }
}
