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
import dev.taskorchestrator.budget.TokenEstimator;
import dev.taskorchestrator.budget.TokenUsage;
import dev.taskorchestrator.budget.UnknownModelException;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * The real cost, by the model that answered when the table lists it, else by the one reserved for. The
   * fallback price never replaces the reserved model's known price (an answer naming a snapshot the table
   * does not list would otherwise be charged at the fallback rate), and a free local model stays free.
   */
  Money cost(Priced priced, ModelResponse response) {
    ModelPrice price = priced.price();
    if (!price.provider().equals("local")) {
      price = prices.listedPrice(response.model()).orElse(price);
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
   * A true upper bound of the input tokens (no tokenizer: a token is at least one UTF-8 byte), so a
   * reservation always covers the real input; see {@link TokenEstimator}.
   */
  static long estimateInputTokens(ModelRequest r) {
    List<String> texts = new ArrayList<>();
    texts.add(r.systemPrompt());
    for (Message m : r.messages()) {
      switch (m) {
        case dev.taskorchestrator.agents.UserMessage u -> texts.add(u.text());
        case dev.taskorchestrator.agents.AssistantMessage a -> {
          texts.add(a.text());
          a.toolCalls().forEach(c -> texts.add(c.id() + c.name() + c.arguments()));
        }
        case dev.taskorchestrator.agents.ToolResultMessage t -> texts.add(t.toolCallId() + t.content());
      }
    }
    for (ToolDefinition t : r.tools()) {
      texts.add(t.name() + t.description() + t.inputSchema());
    }
    return TokenEstimator.upperBound(texts);
  }
}
