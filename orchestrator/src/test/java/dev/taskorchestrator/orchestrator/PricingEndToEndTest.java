package dev.taskorchestrator.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.agents.ProviderConfig;
import dev.taskorchestrator.agents.ProviderType;
import dev.taskorchestrator.agents.testing.FakeAnthropicServer;
import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import dev.taskorchestrator.budget.BudgetStatus;
import dev.taskorchestrator.budget.ModelPrice;
import dev.taskorchestrator.budget.Money;
import dev.taskorchestrator.budget.PriceTable;
import dev.taskorchestrator.budget.ReportQuery;
import dev.taskorchestrator.budget.Scope;
import dev.taskorchestrator.budget.ScopeState;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 pricing through the whole pipeline (fake provider on loopback, router, ledger): unknown models
 * are refused, never free; a configured fallback price is used; cached tokens are priced at their own rate
 * for the OpenAI and Anthropic usage shapes; a budget under 20 % warns in the result and to the client.
 */
class PricingEndToEndTest {

  @TempDir Path dir;
  final FakeOpenAiServer openAi = FakeOpenAiServer.start();
  final FakeAnthropicServer anthropic = FakeAnthropicServer.start();
  RouterPipeline pipeline;

  @AfterEach
  void close() {
    pipeline.close();
    openAi.close();
    anthropic.close();
  }

  RouterPipeline open(ProviderConfig provider, PriceTable prices) {
    return RouterPipeline.in(dir).providers(provider).prices(prices).open();
  }

  static ProviderConfig openAiModel(String url, String model) {
    return Pipeline.openAi("fake", url, "GOOD_KEY").withModels(List.of(model));
  }

  static SpawnRequest request(Integer maxTokens, BigDecimal budget) {
    return new SpawnRequest("researcher", "summarise the notes", "", null, maxTokens, "s1", null, false, budget);
  }

  static ModelPrice price(String model, String in, String out, String cached, String write) {
    return new ModelPrice(model, null, "any", Money.usd(in), Money.usd(out), cached == null ? null : Money.usd(cached),
        write == null ? null : Money.usd(write), "test", null);
  }

  Money ledger() {
    return pipeline.budget.report(new ReportQuery(new ReportQuery.Period.All(), ReportQuery.GroupBy.MODEL, 10)).total();
  }

  @Test
  void aModelWithoutAPriceStopsTheSpawnBeforeTheCallNamingTheModelAndTheFallbackSetting() {
    pipeline = open(openAiModel(openAi.baseUrl(), "mystery-model-9"), PriceTable.loadDefault());

    SpawnResult r = pipeline.spawn(request(null, null));

    assertThat(r.task().status()).isEqualTo("budget_exhausted");
    assertThat(r.task().stopReason()).contains("mystery-model-9").contains("budget.fallback-price");
    assertThat(openAi.requests()).isEmpty();
    assertThat(ledger()).isEqualTo(Money.ZERO);
    assertThat(pipeline.budget.state(Scope.DAY, null).reserved()).isEqualTo(Money.ZERO);
  }

  @Test
  void aConfiguredFallbackPriceIsUsedForAModelWithoutAPrice() {
    pipeline = open(openAiModel(openAi.baseUrl(), "mystery-model-9"), PriceTable.loadDefault()
        .withFallback(ModelPrice.perMillion("*", "any", Money.usd("1"), Money.usd("4"), "budget.fallback-price")));
    openAi.enqueue(FakeOpenAiServer.text("ok", 1_000, 100, 0));

    SpawnResult r = pipeline.spawn(request(null, null));

    assertThat(r.task().status()).isEqualTo("completed");
    // 1,000 input at $1/M + 100 output at $4/M
    assertThat(Money.usd((BigDecimal) r.extras().get("cost_usd"))).isEqualTo(Money.usd("0.0014"));
    assertThat(ledger()).isEqualTo(Money.usd("0.0014"));
  }

  @Test
  void aFallbackPriceNeverReplacesTheKnownPriceOfTheModelReservedFor() {
    // the fake answers as "gpt-fake-2026", a name the table does not know: the reserved model's price applies
    pipeline = open(openAiModel(openAi.baseUrl(), "gpt-fake"), PriceTable.loadDefault()
        .withOverrides(List.of(price("gpt-fake", "2", "20", null, null)))
        .withFallback(ModelPrice.perMillion("*", "any", Money.usd("100"), Money.usd("400"), "budget.fallback-price")));
    openAi.enqueue(FakeOpenAiServer.text("ok", 1_000, 100, 0));

    SpawnResult r = pipeline.spawn(request(null, null));

    assertThat(r.task().model()).isEqualTo("gpt-fake-2026");
    // 1,000 × $2/M + 100 × $20/M
    assertThat(ledger()).isEqualTo(Money.usd("0.004"));
  }

  @Test
  void openAiCachedPromptTokensArePricedAtTheCachedRate() {
    pipeline = open(openAiModel(openAi.baseUrl(), "gpt-cache"), PriceTable.loadDefault()
        .withOverrides(List.of(price("gpt-cache", "2.50", "10", "1.25", null))));
    // prompt_tokens 1,000 of which 400 cached, 200 completion
    openAi.enqueue(FakeOpenAiServer.text("ok", 1_000, 200, 400));

    SpawnResult r = pipeline.spawn(request(null, null));

    // 600 × 2.50 + 400 × 1.25 + 200 × 10, per million
    Money expected = Money.usd("0.0015").plus(Money.usd("0.0005")).plus(Money.usd("0.002"));
    assertThat(Money.usd((BigDecimal) r.extras().get("cost_usd"))).isEqualTo(expected);
    assertThat(ledger()).isEqualTo(expected);
  }

  @Test
  void anthropicCacheReadsAndWritesArePricedAtTheirOwnRates() {
    pipeline = open(ProviderConfig.of("claude", ProviderType.ANTHROPIC).withBaseUrl(anthropic.baseUrl())
            .withModels(List.of("claude-cache")).withApiKeyEnv("GOOD_KEY").withTimeout(Duration.ofSeconds(10)),
        PriceTable.loadDefault().withOverrides(List.of(price("claude-cache", "3", "15", "0.30", "3.75"))));
    // input_tokens (uncached) 300, output 40, cache read 500, cache write 200
    anthropic.enqueue(FakeAnthropicServer.text("ok", 300, 40, 500, 200));

    SpawnResult r = pipeline.spawn(request(null, null));

    assertThat(r.task().status()).isEqualTo("completed");
    // 300 × 3 + 40 × 15 + 500 × 0.30 + 200 × 3.75, per million
    Money expected = Money.usd("0.0009").plus(Money.usd("0.0006")).plus(Money.usd("0.00015"))
        .plus(Money.usd("0.00075"));
    assertThat(Money.usd((BigDecimal) r.extras().get("cost_usd"))).isEqualTo(expected);
    assertThat(ledger()).isEqualTo(expected);
  }

  @Test
  void lessThanTwentyPercentLeftPutsAWarningInTheResultAndTellsTheClient() {
    // output alone costs: $10/M, 1,000 max tokens -> worst case exactly $0.01
    pipeline = open(openAiModel(openAi.baseUrl(), "gpt-warn"), PriceTable.loadDefault()
        .withOverrides(List.of(price("gpt-warn", "0", "10", null, null))));
    openAi.enqueue(FakeOpenAiServer.text("ok", 500, 900, 0));
    List<String> notices = new CopyOnWriteArrayList<>();
    Caller caller = new Caller(null, null, (level, message) -> notices.add(level + ": " + message));

    SpawnResult r = pipeline.orchestrator.spawn(request(1_000, new BigDecimal("0.011")), caller);

    assertThat(r.task().status()).isEqualTo("completed");
    assertThat((String) r.extras().get("warning")).contains("task " + r.task().id() + " is warning");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> budget = (List<Map<String, Object>>) r.extras().get("budget");
    assertThat(budget).filteredOn(s -> "task".equals(s.get("scope"))).singleElement()
        .satisfies(s -> assertThat(s).containsEntry("state", "warning")
            .containsEntry("remaining_usd", new BigDecimal("0.002")));
    ScopeState task = pipeline.budget.state(Scope.TASK, r.task().id());
    assertThat(task.status()).isEqualTo(BudgetStatus.WARNING);
    assertThat(notices).singleElement().asString().startsWith("warning: budget task " + r.task().id());
  }
}
