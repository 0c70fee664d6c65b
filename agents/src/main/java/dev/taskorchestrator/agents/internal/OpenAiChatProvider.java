package dev.taskorchestrator.agents.internal;

import dev.taskorchestrator.agents.MaxTokensParameter;
import dev.taskorchestrator.agents.ModelRequest;
import dev.taskorchestrator.agents.ModelResponse;
import dev.taskorchestrator.agents.ProviderConfig;
import dev.taskorchestrator.agents.ProviderException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI Chat Completions ({@code POST {base-url}/chat/completions}, non-streaming): OpenAI,
 * Ollama {@code /v1}, vLLM, LM Studio, OpenRouter. Sends {@code Authorization: Bearer} only when
 * the key variable is set (local servers need none).
 */
public final class OpenAiChatProvider extends HttpModelProvider {
  private final String maxTokensField;

  public OpenAiChatProvider(ProviderConfig config, Function<String, String> env,
      HttpClient client, Clock clock) {
    super(config, env, client, clock);
    this.maxTokensField = maxTokensField(config.maxTokensParameter(), baseUrl);
  }

  @Override
  public ModelResponse call(ModelRequest request) throws ProviderException {
    String model = modelFor(request);
    ToolNameMapping names = ToolNameMapping.forRequest(request);
    String body = ProviderJson.write(OpenAiWire.requestBody(request, model, maxTokensField, names));
    ProviderHttp.Reply reply = http.post(endpoint("/chat/completions"), headers(), body);
    JsonNode root = successBody(reply);
    return OpenAiWire.response(root, name(), model, reply, names, errors);
  }

  /** The field that carries the output limit, for the log and tests. */
  public String maxTokensField() {
    return maxTokensField;
  }

  private Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>(config.headers());
    key.value().ifPresent(k -> headers.put("Authorization", "Bearer " + k));
    return headers;
  }

  static String maxTokensField(MaxTokensParameter parameter, String baseUrl) {
    return switch (parameter) {
      case MAX_COMPLETION_TOKENS -> "max_completion_tokens";
      case MAX_TOKENS -> "max_tokens";
      case AUTO -> {
        String host = URI.create(baseUrl).getHost();
        yield host != null && host.toLowerCase(Locale.ROOT).equals("api.openai.com")
            ? "max_completion_tokens" : "max_tokens";
      }
    };
  }
}
