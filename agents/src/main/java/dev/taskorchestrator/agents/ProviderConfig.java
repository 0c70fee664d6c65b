package dev.taskorchestrator.agents;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One entry of {@code providers:} in the configuration file. Keys map one to one:
 * {@code name, type, base-url, api-key-env, models, timeout, anthropic-version, headers,
 * max-tokens-parameter}. {@code null} means "default" for every optional component.
 *
 * @param name unique name ({@code local-ollama})
 * @param type the wire protocol
 * @param baseUrl OpenAI: up to and including {@code /v1} (default {@code $OPENAI_BASE_URL}, else
 *     {@value #OPENAI_DEFAULT_BASE_URL}); Anthropic: without {@code /v1} like the official SDKs
 *     (default {@code $ANTHROPIC_BASE_URL}, else {@value #ANTHROPIC_DEFAULT_BASE_URL})
 * @param apiKeyEnv the environment variable holding the key (default {@code OPENAI_API_KEY} /
 *     {@code ANTHROPIC_API_KEY}); the key itself is never in configuration
 * @param models the models served, first is the default; may be empty
 * @param timeout per-call timeout covering the whole exchange (default 120 s)
 * @param anthropicVersion the pinned {@code anthropic-version} header (default
 *     {@value #ANTHROPIC_DEFAULT_VERSION})
 * @param headers extra request headers (e.g. OpenRouter's {@code HTTP-Referer}); values are masked
 *     in {@link #toString()}
 * @param maxTokensParameter which OpenAI field carries the output limit (default AUTO)
 */
public record ProviderConfig(
    String name,
    ProviderType type,
    String baseUrl,
    String apiKeyEnv,
    List<String> models,
    Duration timeout,
    String anthropicVersion,
    Map<String, String> headers,
    MaxTokensParameter maxTokensParameter) {

  public static final String OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";
  public static final String ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com";
  public static final String ANTHROPIC_DEFAULT_VERSION = "2023-06-01";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  /** Headers the JDK client sets itself and refuses, or that we set from other settings. */
  private static final Set<String> RESERVED_HEADERS = Set.of("connection", "content-length",
      "expect", "host", "upgrade", "content-type", "anthropic-version");

  public ProviderConfig {
    requireNonNull(name, "name is null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("provider name is blank");
    }
    requireNonNull(type, "type is null (provider '" + name + "')");
    baseUrl = baseUrl == null || baseUrl.isBlank() ? null : checkedUrl(name, baseUrl.strip());
    apiKeyEnv = apiKeyEnv == null || apiKeyEnv.isBlank() ? defaultKeyEnv(type) : apiKeyEnv.strip();
    models = models == null ? List.of() : List.copyOf(models);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("provider '" + name + "': timeout must be positive");
    }
    anthropicVersion = anthropicVersion == null || anthropicVersion.isBlank()
        ? ANTHROPIC_DEFAULT_VERSION : anthropicVersion.strip();
    headers = checkedHeaders(name, headers == null ? Map.of() : headers);
    maxTokensParameter = maxTokensParameter == null ? MaxTokensParameter.AUTO : maxTokensParameter;
  }

  /** A provider with every optional setting at its default. */
  public static ProviderConfig of(String name, ProviderType type) {
    return new ProviderConfig(name, type, null, null, null, null, null, null, null);
  }

  /** This configuration with another base URL. */
  public ProviderConfig withBaseUrl(String url) {
    return new ProviderConfig(name, type, url, apiKeyEnv, models, timeout, anthropicVersion,
        headers, maxTokensParameter);
  }

  /** This configuration with other models. */
  public ProviderConfig withModels(List<String> newModels) {
    return new ProviderConfig(name, type, baseUrl, apiKeyEnv, newModels, timeout,
        anthropicVersion, headers, maxTokensParameter);
  }

  /** This configuration with another timeout. */
  public ProviderConfig withTimeout(Duration newTimeout) {
    return new ProviderConfig(name, type, baseUrl, apiKeyEnv, models, newTimeout,
        anthropicVersion, headers, maxTokensParameter);
  }

  /** This configuration reading its key from another environment variable. */
  public ProviderConfig withApiKeyEnv(String env) {
    return new ProviderConfig(name, type, baseUrl, env, models, timeout, anthropicVersion,
        headers, maxTokensParameter);
  }

  /**
   * The base URL to call, without a trailing slash: the configured one, else the ecosystem's
   * environment variable ({@code OPENAI_BASE_URL} / {@code ANTHROPIC_BASE_URL}), else the
   * vendor's.
   */
  public String resolvedBaseUrl(Function<String, String> env) {
    String url = baseUrl;
    if (url == null) {
      String fromEnv = switch (type) {
        case OPENAI -> env.apply("OPENAI_BASE_URL");
        case ANTHROPIC -> env.apply("ANTHROPIC_BASE_URL");
        case SAMPLING -> null;
      };
      url = fromEnv == null || fromEnv.isBlank()
          ? (type == ProviderType.ANTHROPIC ? ANTHROPIC_DEFAULT_BASE_URL : OPENAI_DEFAULT_BASE_URL)
          : checkedUrl(name, fromEnv.strip());
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public String toString() {
    Map<String, String> masked = new TreeMap<>();
    headers.keySet().forEach(k -> masked.put(k, "***"));
    return "ProviderConfig[name=" + name + ", type=" + type.wireName() + ", baseUrl=" + baseUrl
        + ", apiKeyEnv=" + apiKeyEnv + ", models=" + models + ", timeout=" + timeout
        + ", anthropicVersion=" + anthropicVersion + ", headers=" + masked
        + ", maxTokensParameter=" + maxTokensParameter.wireName() + "]";
  }

  private static String defaultKeyEnv(ProviderType type) {
    return type == ProviderType.ANTHROPIC ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY";
  }

  private static String checkedUrl(String name, String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("provider '" + name + "': base-url '" + url
          + "' is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException("provider '" + name + "': base-url '" + url
          + "' must be an http:// or https:// URL with a host");
    }
    return url;
  }

  private static Map<String, String> checkedHeaders(String name, Map<String, String> headers) {
    for (Map.Entry<String, String> h : headers.entrySet()) {
      String key = requireNonNull(h.getKey(), "header name is null");
      if (RESERVED_HEADERS.contains(key.toLowerCase(Locale.ROOT)) || key.isBlank()) {
        throw new IllegalArgumentException("provider '" + name + "': header '" + key
            + "' cannot be set in headers; allowed: any other header name");
      }
      requireNonNull(h.getValue(), "value of header '" + key + "' is null");
    }
    return Map.copyOf(headers);
  }
}
