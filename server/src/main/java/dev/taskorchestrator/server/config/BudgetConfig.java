package dev.taskorchestrator.server.config;

import java.math.BigDecimal;
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
 * @param prices extra or overriding price entries (same fields as the shipped price table, kebab-case)
 * @param fallbackPrice the price of any model the table does not know; without it such calls are refused
 * @param samplingPrice the price of MCP sampling calls whose model the table does not know
 * @param localModels providers (name globs) or base URLs (globs) whose models cost nothing
 */
public record BudgetConfig(
    String timeZone,
    int warnBelowPercent,
    BigDecimal dailyLimitUsd,
    BigDecimal monthlyLimitUsd,
    Map<String, BigDecimal> providerDailyLimitsUsd,
    List<Map<String, Object>> prices,
    Price fallbackPrice,
    Price samplingPrice,
    LocalModels localModels) {

  public BudgetConfig {
    providerDailyLimitsUsd = providerDailyLimitsUsd == null ? Map.of() : Map.copyOf(providerDailyLimitsUsd);
    prices = prices == null ? List.of() : List.copyOf(prices);
    localModels = localModels == null ? new LocalModels(List.of(), List.of()) : localModels;
  }

  public static BudgetConfig defaults() {
    return new BudgetConfig(null, 20, null, null, Map.of(), List.of(), null, null, new LocalModels(List.of(), List.of()));
  }

  /** USD per million tokens. */
  public record Price(BigDecimal input, BigDecimal output) {}

  /** Which calls are free: local model servers, named by provider (globs) or base URL (globs). */
  public record LocalModels(List<String> providers, List<String> baseUrls) {
    public LocalModels {
      providers = providers == null ? List.of() : List.copyOf(providers);
      baseUrls = baseUrls == null ? List.of() : List.copyOf(baseUrls);
    }
  }
}
