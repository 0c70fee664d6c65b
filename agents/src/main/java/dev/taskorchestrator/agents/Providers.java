package dev.taskorchestrator.agents;

import static java.util.Objects.requireNonNull;

import dev.taskorchestrator.agents.internal.AnthropicMessagesProvider;
import dev.taskorchestrator.agents.internal.OpenAiChatProvider;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.function.Function;

/**
 * Builds HTTP model providers from configuration.
 *
 * <pre>{@code
 * HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
 * ModelProvider ollama = Providers.create(config, System::getenv, http);
 * }</pre>
 */
public final class Providers {
  private Providers() {}

  /** A provider reading keys through {@code env} and using the system clock. */
  public static ModelProvider create(ProviderConfig config, Function<String, String> env,
      HttpClient http) {
    return create(config, env, http, Clock.systemUTC());
  }

  /**
   * A provider for {@code config}.
   *
   * @param env looks up environment variables (the API key, {@code OPENAI_BASE_URL}); inject a
   *     map's {@code get} in tests
   * @param clock turns HTTP-date {@code Retry-After} values into waits
   * @throws IllegalArgumentException for {@link ProviderType#SAMPLING}, which the server builds
   *     on the MCP SDK
   */
  public static ModelProvider create(ProviderConfig config, Function<String, String> env,
      HttpClient http, Clock clock) {
    requireNonNull(config, "config is null");
    requireNonNull(env, "env is null");
    requireNonNull(http, "http is null");
    requireNonNull(clock, "clock is null");
    return switch (config.type()) {
      case OPENAI -> new OpenAiChatProvider(config, env, http, clock);
      case ANTHROPIC -> new AnthropicMessagesProvider(config, env, http, clock);
      case SAMPLING -> throw new IllegalArgumentException("provider '" + config.name()
          + "': type sampling is served by the MCP client and is not created here");
    };
  }
}
