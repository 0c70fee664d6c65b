package dev.taskorchestrator.agents.internal;


import static java.util.Objects.requireNonNull;

import dev.taskorchestrator.resilience.ErrorClass;
import dev.taskorchestrator.agents.ModelProvider;
import dev.taskorchestrator.agents.ModelRequest;
import dev.taskorchestrator.agents.ProviderConfig;
import dev.taskorchestrator.agents.ProviderException;
import dev.taskorchestrator.agents.ProviderType;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** What the two HTTP wire formats share: identity, model choice, key, HTTP and error mapping. */
abstract class HttpModelProvider implements ModelProvider {
  final ProviderConfig config;
  final String baseUrl;
  final ApiKey key;
  final ProviderHttp http;
  final ProviderErrors errors;

  HttpModelProvider(ProviderConfig config, Function<String, String> env, HttpClient client,
      Clock clock) {
    this.config = requireNonNull(config, "config is null");
    this.baseUrl = config.resolvedBaseUrl(env);
    this.key = ApiKey.fromEnv(config.apiKeyEnv(), env);
    this.http = new ProviderHttp(config.name(), client, config.timeout(), clock);
    this.errors = new ProviderErrors(config.name(), key);
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public ProviderType type() {
    return config.type();
  }

  @Override
  public List<String> models() {
    return config.models();
  }

  /** The requested model if this provider serves it (or lists none), else its default. */
  String modelFor(ModelRequest request) throws ProviderException {
    String wanted = request.model();
    boolean named = wanted != null && !wanted.isBlank();
    if (named && (config.models().isEmpty() || config.models().contains(wanted))) {
      return wanted;
    }
    if (!config.models().isEmpty()) {
      return config.models().getFirst();
    }
    throw new ProviderException(ErrorClass.INVALID_REQUEST, name(),
        "no model: the request names none and the provider's models list is empty",
        Optional.empty(), 0);
  }

  URI endpoint(String path) {
    return URI.create(baseUrl + path);
  }

  /** The parsed JSON object of a 2xx answer, or a classified failure. */
  JsonNode successBody(ProviderHttp.Reply reply) throws ProviderException {
    if (reply.status() < 200 || reply.status() > 299) {
      throw errors.fromStatus(reply, RetryAfter.from(reply.headers(), http.clock()));
    }
    JsonNode root = ProviderJson.parseOrNull(reply.body());
    if (root == null) {
      throw errors.malformed(reply.status(), reply.body() == null || reply.body().isBlank()
          ? "empty body" : "the body is not JSON (truncated or not an API answer)");
    }
    if (!root.isObject()) {
      throw errors.malformed(reply.status(), "the body is not a JSON object");
    }
    JsonNode error = root.path("error");
    if (error.isObject() || "error".equals(ProviderJson.text(root.path("type")))) {
      throw errors.inBody(reply.status(), error,
          RetryAfter.from(reply.headers(), http.clock()));
    }
    return root;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + config + ", key=" + key + "]";
  }
}
