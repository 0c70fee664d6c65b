package dev.taskorchestrator.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Where Langfuse lives and the project keys for it. The secret key never appears in {@link #toString()}.
 *
 * @param host base URL without {@code /api/public}, e.g. {@code https://cloud.langfuse.com}
 * @param publicKey the project's public key ({@code pk-lf-...})
 * @param secretKey the project's secret key ({@code sk-lf-...})
 */
public record LangfuseCredentials(String host, String publicKey, String secretKey) {

  /** Langfuse Cloud (EU), used when no host is configured. */
  public static final String DEFAULT_HOST = "https://cloud.langfuse.com";

  public LangfuseCredentials {
    Objects.requireNonNull(host, "host is null");
    Objects.requireNonNull(publicKey, "publicKey is null");
    Objects.requireNonNull(secretKey, "secretKey is null");
    if (publicKey.isBlank() || secretKey.isBlank()) {
      throw new IllegalArgumentException("Langfuse public and secret keys must not be blank");
    }
    host = stripTrailingSlashes(host.strip());
  }

  /** The OTLP/HTTP traces endpoint of this Langfuse host. */
  public String otlpTracesEndpoint() {
    return host + "/api/public/otel/v1/traces";
  }

  /** The value of the {@code Authorization} header: {@code Basic base64(pk:sk)}. */
  public String basicAuthorization() {
    String pair = publicKey + ":" + secretKey;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  static String stripTrailingSlashes(String url) {
    String result = url;
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }

  @Override
  public String toString() {
    return "LangfuseCredentials[host=" + host + ", publicKey=" + publicKey + ", secretKey=***]";
  }
}
