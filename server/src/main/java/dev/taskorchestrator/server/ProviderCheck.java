package dev.taskorchestrator.server;

import dev.taskorchestrator.agents.ProviderConfig;
import dev.taskorchestrator.agents.ProviderType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * For {@code doctor}: asks a provider for its model list (a cheap authenticated request), which shows
 * at once whether it is reachable, whether the key is accepted and whether the configured models exist.
 */
final class ProviderCheck {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final Function<String, String> env;

  ProviderCheck(Function<String, String> env) {
    this.env = env;
  }

  /** One line: empty problem means all is well. */
  record Result(boolean ok, String detail) {}

  Result check(ProviderConfig p) {
    String base = p.resolvedBaseUrl(env).replaceAll("/+$", "");
    String key = env.apply(p.apiKeyEnv());
    boolean keySet = key != null && !key.isBlank();
    if (!keySet && isVendor(base)) {
      // The vendor's own API always needs a key: no need to ask it.
      return new Result(false, p.apiKeyEnv() + " is not set; export " + p.apiKeyEnv() + "=<your key> (or name "
          + "the variable that holds it in api-key-env)");
    }
    Result r = probe(p, base, key);
    if (keySet) {
      return r;
    }
    return r.ok() ? new Result(true, r.detail() + "; it needs no key (" + p.apiKeyEnv() + " is not set)")
        : new Result(false, r.detail() + "; " + p.apiKeyEnv() + " is not set: export " + p.apiKeyEnv() + "=<your key>");
  }

  private static boolean isVendor(String base) {
    return base.startsWith(ProviderConfig.OPENAI_DEFAULT_BASE_URL) || base.startsWith(ProviderConfig.ANTHROPIC_DEFAULT_BASE_URL);
  }

  private Result probe(ProviderConfig p, String base, String key) {
    HttpRequest.Builder request = HttpRequest.newBuilder().timeout(TIMEOUT).GET();
    if (p.type() == ProviderType.ANTHROPIC) {
      request.uri(URI.create(base + "/v1/models")).header("anthropic-version", p.anthropicVersion());
      if (key != null && !key.isBlank()) {
        request.header("x-api-key", key);
      }
    } else {
      request.uri(URI.create(base + "/models"));
      if (key != null && !key.isBlank()) {
        request.header("Authorization", "Bearer " + key);
      }
    }
    p.headers().forEach(request::header);
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return judge(p, base, r);
    } catch (IOException e) {
      return new Result(false, base + " is unreachable (" + e.getClass().getSimpleName()
          + "); check base-url and that the service is running");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(false, "interrupted");
    } catch (IllegalArgumentException e) {
      return new Result(false, "base-url " + base + " is not a usable URL");
    }
  }

  private Result judge(ProviderConfig p, String base, HttpResponse<String> r) {
    if (r.statusCode() == 401 || r.statusCode() == 403) {
      String k = env.apply(p.apiKeyEnv());
      return new Result(false, k == null || k.isBlank()
          ? "it asks for a key (HTTP " + r.statusCode() + ")"
          : "the API key from " + p.apiKeyEnv() + " was refused (HTTP " + r.statusCode() + "); export a valid key");
    }
    if (r.statusCode() / 100 != 2) {
      return new Result(false, base + " answered HTTP " + r.statusCode() + " to a model list request");
    }
    List<String> listed = listedModels(r.body());
    List<String> missing = new ArrayList<>(p.models());
    missing.removeAll(listed);
    if (!listed.isEmpty() && !missing.isEmpty()) {
      return new Result(false, "reachable and key accepted, but it does not list " + String.join(", ", missing)
          + "; fix models: (it lists " + listed.size() + " models)");
    }
    String k = env.apply(p.apiKeyEnv());
    return new Result(true, "reachable" + (k == null || k.isBlank() ? "" : ", key accepted")
        + (p.models().isEmpty() ? "" : ", models listed"));
  }

  private static List<String> listedModels(String body) {
    List<String> out = new ArrayList<>();
    try {
      for (JsonNode m : JSON.readTree(body).path("data")) {
        if (m.path("id").isString()) {
          out.add(m.path("id").asString());
        }
      }
    } catch (JacksonException e) {
      // not a model list: nothing to compare
    }
    return out;
  }
}
