package dev.taskorchestrator.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceTableTest {

  private final PriceTable prices = PriceTable.loadDefault();

  @Test
  void shippedTableGivesEverySourceAndDate() {
    assertThat(prices.entries()).hasSizeGreaterThan(30).allSatisfy(p -> {
      assertThat(p.source()).startsWith("https://");
      assertThat(p.date()).isNotNull();
    });
    assertThat(prices.entries()).extracting(ModelPrice::provider).contains("openai", "anthropic", "google");
  }

  @Test
  void coversCurrentAndWidelyDeployedOlderModels() {
    for (String m : List.of("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-5", "gpt-5-mini", "o3", "o4-mini",
        "claude-3-5-sonnet-20241022", "claude-3-7-sonnet-20250219", "claude-sonnet-4-5-20250929",
        "claude-haiku-4-5-20251001", "claude-opus-4-1-20250805", "claude-3-5-haiku-latest",
        "gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.0-flash", "gemini-3-pro-preview")) {
      assertThat(prices.price(m)).as(m).isPresent();
    }
  }

  @Test
  void matchesDatedSnapshotsToTheirBaseModel() {
    assertThat(prices.price("gpt-4o-2024-08-06").orElseThrow().model()).isEqualTo("gpt-4o");
    assertThat(prices.price("claude-3-5-sonnet-20241022").orElseThrow().model()).isEqualTo("claude-3-5-sonnet");
    assertThat(prices.price("openai/GPT-4o-mini-2024-07-18").orElseThrow().model()).isEqualTo("gpt-4o-mini");
    assertThat(prices.price("models/gemini-2.5-flash-preview-05-20").orElseThrow().model())
        .isEqualTo("gemini-2.5-flash");
  }

  @Test
  void anExactSnapshotEntryBeatsItsBaseModel() {
    assertThat(prices.price("gpt-4o-2024-05-13").orElseThrow().input()).isEqualTo(Money.usd("5.00"));
    assertThat(prices.price("gpt-4o-2024-11-20").orElseThrow().input()).isEqualTo(Money.usd("2.50"));
  }

  @Test
  void refusesUnknownModelNamingItAndHowToConfigureAPrice() {
    assertThat(prices.price("llama3.1:8b")).isEmpty();
    assertThatThrownBy(() -> prices.estimate("llama3.1:8b", 100, 100))
        .isInstanceOf(UnknownModelException.class)
        .hasMessageContaining("'llama3.1:8b'")
        .hasMessageContaining("budget.prices")
        .hasMessageContaining("fallback");
  }

  @Test
  void usesTheConfiguredFallbackPriceForAnUnknownModel() {
    PriceTable t = prices.withFallback(
        ModelPrice.perMillion("fallback", "any", Money.usd("10"), Money.usd("30"), "config"));
    ModelPrice p = t.price("mystery-model").orElseThrow();
    assertThat(p.model()).isEqualTo("mystery-model");
    assertThat(p.source()).contains("fallback");
    assertThat(t.cost("mystery-model", TokenUsage.of(1_000_000, 1_000_000))).isEqualTo(Money.usd("40"));
    assertThat(t.price("gpt-4o").orElseThrow().input()).isEqualTo(Money.usd("2.50"));
  }

  @Test
  void operatorOverridesTakePrecedenceAndExtendTheTable() {
    PriceTable t = prices.withOverrides(List.of(
        ModelPrice.perMillion("gpt-4o", "openai", Money.usd("1"), Money.usd("2"), "config"),
        new ModelPrice("my family", "^my-model-.*$", "vllm", Money.usd("0.5"), Money.usd("1"), null, null, "config", null)));
    assertThat(t.price("gpt-4o").orElseThrow().input()).isEqualTo(Money.usd("1"));
    assertThat(t.price("my-model-7b").orElseThrow().output()).isEqualTo(Money.usd("1"));
    assertThat(t.price("gpt-4o-mini").orElseThrow().input()).isEqualTo(Money.usd("0.15"));
  }

  @Test
  void localModelsAreFreeOnlyWhenARuleIsConfigured() {
    ModelRef ollama = ModelRef.of("llama3.1:8b", "ollama", "http://localhost:11434/v1");
    assertThat(prices.price(ollama)).isEmpty();
    PriceTable byProvider = prices.withLocalRule(LocalModelRule.provider("ollama"));
    assertThat(byProvider.estimate(ollama, 10_000, 10_000)).isEqualTo(Money.ZERO);
    PriceTable byUrl = prices.withLocalRule(LocalModelRule.baseUrl("^https?://(localhost|127\\.0\\.0\\.1)[:/]"));
    assertThat(byUrl.price(ollama)).isPresent();
    assertThat(byUrl.price(ModelRef.of("llama3.1:8b", "openai", "https://api.example.com/v1"))).isEmpty();
  }

  @Test
  void pricesOpenAiCachedTokensAtTheCachedRate() {
    // prompt_tokens 10,000 of which 4,000 cached; 500 completion tokens; gpt-4o $2.50 / $1.25 / $10
    TokenUsage u = TokenUsage.fromOpenAi(10_000, 500, 4_000);
    assertThat(u).isEqualTo(new TokenUsage(6_000, 500, 4_000, 0));
    assertThat(prices.cost("gpt-4o", u)).isEqualTo(Money.usd("0.025"));
  }

  @Test
  void pricesAnthropicCacheReadsAndWritesSeparately() {
    // input_tokens excludes both cache kinds; Sonnet 4.5: $3 in, $15 out, $0.30 read, $3.75 write
    TokenUsage u = TokenUsage.fromAnthropic(1_000, 200, 5_000, 2_000);
    assertThat(u.totalInput()).isEqualTo(8_000);
    assertThat(prices.cost("claude-sonnet-4-5-20250929", u)).isEqualTo(Money.usd("0.015"));
  }

  @Test
  void estimateIsTheWorstCaseAtTheDearestInputRateAndFullOutput() {
    // Sonnet: input may be written to the cache at $3.75; 4,096 output tokens at $15
    Money worst = prices.estimate("claude-sonnet-4-5", 10_000, 4_096);
    assertThat(worst).isEqualTo(Money.usd("0.0375").plus(Money.usd("0.06144")));
    TokenUsage anyReal = TokenUsage.fromAnthropic(2_000, 4_096, 4_000, 4_000);
    assertThat(prices.cost("claude-sonnet-4-5", anyReal).compareTo(worst)).isLessThanOrEqualTo(0);
  }

  @Test
  void roundsEachPartUpToTheNextNanoDollar() {
    ModelPrice p = ModelPrice.perMillion("m", "x", Money.usd("0.000001"), Money.ZERO, "test");
    assertThat(p.cost(TokenUsage.of(1, 0))).isEqualTo(Money.ofNanos(1));
    assertThat(p.cost(TokenUsage.of(0, 0))).isEqualTo(Money.ZERO);
  }

  @Test
  void pricesSamplingByTheReportedModelOrTheSamplingPrice() {
    assertThat(prices.forSampling("claude-sonnet-4-5").input()).isEqualTo(Money.usd("3"));
    assertThatThrownBy(() -> prices.forSampling(null)).isInstanceOf(UnknownModelException.class)
        .hasMessageContaining("sampling-price");
    PriceTable t = prices.withSamplingPrice(
        ModelPrice.perMillion("sampling", "sampling", Money.usd("3"), Money.usd("15"), "config"));
    assertThat(t.forSampling("some-client-model").output()).isEqualTo(Money.usd("15"));
    assertThat(t.forSampling("gpt-4o-mini").input()).isEqualTo(Money.usd("0.15"));
  }

  @Test
  void parsesOverridesInTheShippedJsonFormat() {
    String json = """
        {"models": [{"model": "x-1", "provider": "p", "input": 1.10, "output": "2.2",
                     "cachedInput": 0.11, "source": "config", "date": "2026-11-01"}]}""";
    List<ModelPrice> entries = PriceTable.parseEntries(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test");
    assertThat(entries).singleElement().satisfies(p -> {
      assertThat(p.input()).isEqualTo(Money.usd("1.1"));
      assertThat(p.cachedInput()).isEqualTo(Money.usd("0.11"));
      assertThat(p.cacheWrite()).isEqualTo(Money.usd("1.1"));
    });
    assertThatThrownBy(() -> PriceTable.parseEntries(
        new ByteArrayInputStream("{\"models\":[{\"model\":\"y\"}]}".getBytes(StandardCharsets.UTF_8)), "cfg"))
        .hasMessageContaining("cfg models[0]").hasMessageContaining("provider");
  }
}
