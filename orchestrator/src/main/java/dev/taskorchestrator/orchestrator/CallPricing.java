package dev.taskorchestrator.orchestrator;

import dev.taskorchestrator.agents.Message;
import dev.taskorchestrator.agents.ModelProvider;
import dev.taskorchestrator.agents.ModelRequest;
import dev.taskorchestrator.agents.ModelResponse;
import dev.taskorchestrator.agents.ProviderConfig;
import dev.taskorchestrator.agents.ProviderType;
import dev.taskorchestrator.agents.ToolDefinition;
import dev.taskorchestrator.budget.ModelPrice;
import dev.taskorchestrator.budget.ModelRef;
import dev.taskorchestrator.budget.Money;
import dev.taskorchestrator.budget.PriceTable;
import dev.taskorchestrator.budget.TokenUsage;
import dev.taskorchestrator.budget.UnknownModelException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * Prices model calls: the worst case before (input estimated from the request, output at max_tokens,
 * for the model that provider will use) and the real cost after (from the provider's usage).
 */
public final class CallPricing {

  /** The model a call will run on, its price and the worst-case cost reserved for it. */
  public record Priced(String model, ModelPrice price, Money estimate) {}

  private final PriceTable prices;
  private final Map<String, ProviderConfig> configs;
  private final Function<String, String> env;

  public CallPricing(PriceTable prices, Map<String, ProviderConfig> configs, Function<String, String> env) {
    this.prices = prices;
    this.configs = configs;
    this.env = env;
  }

  /** @throws UnknownModelException when the model has no price (never counted as free) */
  Priced estimate(ModelProvider provider, ModelRequest request) {
    long input = estimateInputTokens(request);
    if (provider.type() == ProviderType.SAMPLING) {
      ModelPrice price = prices.forSampling(request.model());
      return new Priced(request.model() == null ? "sampling" : request.model(), price,
          price.worstCase(input, request.maxTokens()));
    }
    String model = modelFor(provider, request);
    ProviderConfig config = configs.get(provider.name());
    ModelRef ref = ModelRef.of(model, provider.name(), config == null ? null : config.resolvedBaseUrl(env));
    ModelPrice price = prices.require(ref);
    return new Priced(model, price, price.worstCase(input, request.maxTokens()));
  }

  /** The real cost, by the model that answered when it has a price, else by the one reserved for. */
  Money cost(Priced priced, ModelResponse response) {
    ModelPrice price = priced.price();
    try {
      price = prices.price(response.model()).orElse(priced.price());
    } catch (RuntimeException unknown) {
      // keep the reserved model's price
    }
    return price.cost(usage(response));
  }

  static TokenUsage usage(ModelResponse r) {
    return new TokenUsage(r.usage().uncachedInputTokens(), r.usage().outputTokens(), r.usage().cachedInputTokens(),
        r.usage().cacheWriteTokens());
  }

  /** The model a provider will use: the one asked for if it serves it, else its first. */
  static String modelFor(ModelProvider provider, ModelRequest request) {
    if (provider.models().isEmpty()) {
      if (request.model() == null) {
        throw new UnknownModelException(provider.name(), "provider " + provider.name()
            + " has no models configured and the spawn named none, so its cost cannot be known in advance; "
            + "add models: [...] to the provider or pass model");
      }
      return request.model();
    }
    return request.model() != null && provider.models().contains(request.model()) ? request.model()
        : provider.models().get(0);
  }

  /**
   * A deliberately high estimate of the input tokens: UTF-8 bytes / 3 (about one token per three bytes
   * even for code or CJK text, where tokens are shortest), plus a little per message.
   */
  static long estimateInputTokens(ModelRequest r) {
    long bytes = utf8(r.systemPrompt());
    for (Message m : r.messages()) {
      bytes += 24 + switch (m) {
        case dev.taskorchestrator.agents.UserMessage u -> utf8(u.text());
        case dev.taskorchestrator.agents.AssistantMessage a -> utf8(a.text()) + 64L * a.toolCalls().size()
            + a.toolCalls().stream().mapToLong(c -> utf8(String.valueOf(c.arguments()))).sum();
        case dev.taskorchestrator.agents.ToolResultMessage t -> utf8(t.content());
      };
    }
    for (ToolDefinition t : r.tools()) {
      bytes += utf8(t.name()) + utf8(t.description()) + utf8(String.valueOf(t.inputSchema()));
    }
    return bytes / 3 + 16;
  }

  private static long utf8(String s) {
    return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
  }
}
