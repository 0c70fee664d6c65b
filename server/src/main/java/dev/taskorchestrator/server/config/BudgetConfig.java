package dev.taskorchestrator.server.config;

import dev.taskorchestrator.budget.LocalModelRule;
import dev.taskorchestrator.budget.ModelPrice;
import dev.taskorchestrator.budget.Money;
import dev.taskorchestrator.budget.PriceTable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The {@code budget:} section. Limits given here are applied at every start (set_budget changes them
 * until the next start); limits not given here keep what set_budget stored.
 *
 * @param timeZone the calendar of the day and month scopes (default: the system's)
 * @param warnBelowPercent warn when less than this share of a limit remains
 * @param dailyLimitUsd the most all tasks may spend per calendar day
 * @param monthlyLimitUsd the most all tasks may spend per calendar month
 * @param providerDailyLimitsUsd the most each named provider may be paid per day
 * @param prices extra or overriding price entries
 * @param fallbackPrice the price of any model the table does not know; without it such calls are refused
 * @param samplingPrice the price of MCP sampling calls whose model the table does not know
 * @param localModels providers (name globs) or base URLs (globs) whose models cost nothing
 */
public record BudgetConfig(
    String timeZone,
    @Allowed(min = "0", max = "100") int warnBelowPercent,
    @Allowed(min = "0", max = MAX_USD, decimals = 9, hint = "USD") BigDecimal dailyLimitUsd,
    @Allowed(min = "0", max = MAX_USD, decimals = 9, hint = "USD") BigDecimal monthlyLimitUsd,
    @Allowed(min = "0", max = MAX_USD, decimals = 9, hint = "USD") Map<String, BigDecimal> providerDailyLimitsUsd,
    List<PriceEntry> prices,
    Price fallbackPrice,
    Price samplingPrice,
    LocalModels localModels) {

  /** The largest amount of dollars a setting takes (amounts are held in nano-dollars). */
  static final String MAX_USD = "1000000000";
  private static final String PER_MILLION = "USD per million tokens";

  /** Sampling runs on whatever model the client picks; until it says which, it is priced like this. */
  public static final Price DEFAULT_SAMPLING_PRICE = new Price(new BigDecimal("3.00"), new BigDecimal("15.00"));

  public BudgetConfig {
    providerDailyLimitsUsd = providerDailyLimitsUsd == null ? Map.of() : Map.copyOf(providerDailyLimitsUsd);
    prices = prices == null ? List.of() : List.copyOf(prices);
    localModels = localModels == null ? new LocalModels(List.of(), List.of()) : localModels;
  }

  public static BudgetConfig defaults() {
    return new BudgetConfig(null, 20, null, null, Map.of(), List.of(), null, null, new LocalModels(List.of(), List.of()));
  }

  /** The calendar of the day and month scopes; the message names the key when the zone is unknown. */
  public java.time.ZoneId zone() {
    try {
      return timeZone == null ? java.time.ZoneId.systemDefault() : java.time.ZoneId.of(timeZone);
    } catch (java.time.DateTimeException e) {
      throw new ConfigException("configuration: budget.time-zone = '" + timeZone
          + "' is not allowed; use a zone id such as UTC or Europe/Berlin");
    }
  }

  /**
   * The shipped price table with this section's entries, fallback, sampling price and local models.
   *
   * @throws ConfigException when an entry is refused by the table (the message names it)
   */
  public PriceTable priceTable() {
    PriceTable table = PriceTable.loadDefault();
    try {
      if (!prices.isEmpty()) {
        table = table.withOverrides(java.util.stream.IntStream.range(0, prices.size())
            .mapToObj(i -> prices.get(i).toModelPrice("budget.prices[" + i + "]")).toList());
      }
      if (fallbackPrice != null) {
        table = table.withFallback(fallbackPrice.toModelPrice("*", "configuration budget.fallback-price"));
      }
      // Until the client says which model it sampled, price it like a Claude Sonnet (the usual client
      // model) rather than as free.
      table = table.withSamplingPrice(samplingPrice != null
          ? samplingPrice.toModelPrice("sampling", "configuration budget.sampling-price")
          : DEFAULT_SAMPLING_PRICE.toModelPrice("sampling",
              "default sampling price (Claude Sonnet list price); configure budget.sampling-price"));
      for (String p : localModels.providers()) {
        table = table.withLocalRule(LocalModelRule.provider(p));
      }
      for (String u : localModels.baseUrls()) {
        table = table.withLocalRule(LocalModelRule.baseUrl(u));
      }
      return table;
    } catch (IllegalArgumentException e) {
      throw new ConfigException("configuration: budget: " + e.getMessage());
    }
  }

  /**
   * USD per million tokens.
   *
   * @param input plain input tokens
   * @param output output tokens
   */
  public record Price(
      @Allowed(required = true, min = "0", max = MAX_USD, decimals = 9, hint = PER_MILLION) BigDecimal input,
      @Allowed(required = true, min = "0", max = MAX_USD, decimals = 9, hint = PER_MILLION) BigDecimal output) {

    ModelPrice toModelPrice(String model, String source) {
      return ModelPrice.perMillion(model, "any", Money.usd(input), Money.usd(output), source);
    }
  }

  /**
   * One entry of {@code budget.prices}, like an entry of the shipped price table; prices in USD per
   * million tokens.
   *
   * @param model the model's name; for a {@code pattern} entry a label for it
   * @param pattern a case-insensitive regular expression over model names, instead of the exact name
   * @param provider who sells it (default {@code any})
   * @param input plain input tokens
   * @param output output tokens
   * @param cachedInput input tokens read from a prompt cache (default: as {@code input})
   * @param cacheWrite input tokens written to a prompt cache (default: as {@code input})
   * @param source where the price comes from (default {@code configuration})
   * @param date when the price was checked
   */
  public record PriceEntry(
      @Allowed(required = true, hint = "the model's name") String model,
      @Allowed(regex = true) String pattern,
      String provider,
      @Allowed(required = true, min = "0", max = MAX_USD, decimals = 9, hint = PER_MILLION) BigDecimal input,
      @Allowed(required = true, min = "0", max = MAX_USD, decimals = 9, hint = PER_MILLION) BigDecimal output,
      @Allowed(min = "0", max = MAX_USD, decimals = 9, hint = PER_MILLION) BigDecimal cachedInput,
      @Allowed(min = "0", max = MAX_USD, decimals = 9, hint = PER_MILLION) BigDecimal cacheWrite,
      String source,
      LocalDate date) {

    ModelPrice toModelPrice(String where) {
      try {
        return new ModelPrice(model, pattern, provider == null ? "any" : provider, Money.usd(input),
            Money.usd(output), cachedInput == null ? null : Money.usd(cachedInput),
            cacheWrite == null ? null : Money.usd(cacheWrite), source == null ? "configuration" : source, date);
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
  }

  /** Which calls are free: local model servers, named by provider (globs) or base URL (globs). */
  public record LocalModels(List<String> providers, List<String> baseUrls) {
    public LocalModels {
      providers = providers == null ? List.of() : List.copyOf(providers);
      baseUrls = baseUrls == null ? List.of() : List.copyOf(baseUrls);
    }
  }
}
