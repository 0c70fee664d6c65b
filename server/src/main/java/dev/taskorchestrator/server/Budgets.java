package dev.taskorchestrator.server;

import dev.taskorchestrator.budget.BudgetOptions;
import dev.taskorchestrator.budget.LocalModelRule;
import dev.taskorchestrator.budget.ModelPrice;
import dev.taskorchestrator.budget.Money;
import dev.taskorchestrator.budget.PriceTable;
import dev.taskorchestrator.budget.ProcessIdentity;
import dev.taskorchestrator.budget.Scope;
import dev.taskorchestrator.budget.SqliteBudgetGuard;
import dev.taskorchestrator.server.config.BudgetConfig;
import dev.taskorchestrator.server.config.ConfigException;
import dev.taskorchestrator.storage.Database;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The budget guard and price table from the {@code budget:} configuration. */
final class Budgets {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static final BudgetConfig.Price DEFAULT_SAMPLING_PRICE =
      new BudgetConfig.Price(new java.math.BigDecimal("3.00"), new java.math.BigDecimal("15.00"));

  private Budgets() {}

  static ZoneId zone(BudgetConfig c) {
    try {
      return c.timeZone() == null ? ZoneId.systemDefault() : ZoneId.of(c.timeZone());
    } catch (java.time.DateTimeException e) {
      throw new ConfigException("configuration: budget.time-zone = '" + c.timeZone()
          + "' is not allowed; use a zone id such as UTC or Europe/Berlin");
    }
  }

  static SqliteBudgetGuard guard(BudgetConfig c, Database db, Clock clock) {
    SqliteBudgetGuard guard = SqliteBudgetGuard.open(db, new BudgetOptions(clock, zone(c), c.warnBelowPercent(),
        BudgetOptions.DEFAULT_OWNER_LEASE, ProcessIdentity.current()));
    if (c.dailyLimitUsd() != null) {
      guard.setLimit(Scope.DAY, "", Money.usd(c.dailyLimitUsd()), c.warnBelowPercent());
    }
    if (c.monthlyLimitUsd() != null) {
      guard.setLimit(Scope.MONTH, "", Money.usd(c.monthlyLimitUsd()), c.warnBelowPercent());
    }
    c.providerDailyLimitsUsd().forEach((provider, limit) ->
        guard.setLimit(Scope.PROVIDER, provider, Money.usd(limit), c.warnBelowPercent()));
    return guard;
  }

  static PriceTable prices(BudgetConfig c) {
    PriceTable table = PriceTable.loadDefault();
    try {
      if (!c.prices().isEmpty()) {
        table = table.withOverrides(PriceTable.parseEntries(new ByteArrayInputStream(pricesJson(c.prices())),
            "configuration budget.prices"));
      }
      if (c.fallbackPrice() != null) {
        table = table.withFallback(price("*", c.fallbackPrice(), "configuration budget.fallback-price"));
      }
      // Sampling runs on whatever model the client picks; until it says which, price it like a Claude
      // Sonnet (the usual client model) rather than as free. Configurable.
      table = table.withSamplingPrice(c.samplingPrice() != null
          ? price("sampling", c.samplingPrice(), "configuration budget.sampling-price")
          : price("sampling", DEFAULT_SAMPLING_PRICE, "default sampling price (Claude Sonnet list price); "
              + "configure budget.sampling-price"));
      for (String p : c.localModels().providers()) {
        table = table.withLocalRule(LocalModelRule.provider(p));
      }
      for (String u : c.localModels().baseUrls()) {
        table = table.withLocalRule(LocalModelRule.baseUrl(u));
      }
      return table;
    } catch (IllegalArgumentException e) {
      throw new ConfigException("configuration: budget: " + e.getMessage());
    }
  }

  private static ModelPrice price(String model, BudgetConfig.Price p, String source) {
    if (p.input() == null || p.output() == null) {
      throw new IllegalArgumentException(source + " needs input and output (USD per million tokens)");
    }
    return ModelPrice.perMillion(model, "any", Money.usd(p.input()), Money.usd(p.output()), source);
  }

  /** The configuration's entries in the price table's JSON form (its keys are camelCase). */
  private static byte[] pricesJson(List<Map<String, Object>> entries) {
    List<Map<String, Object>> models = entries.stream().map(e -> {
      Map<String, Object> m = new LinkedHashMap<>();
      e.forEach((k, v) -> m.put(camel(k), v instanceof Number n ? n.toString() : v));
      m.putIfAbsent("source", "configuration");
      m.putIfAbsent("provider", "any");
      return m;
    }).toList();
    return JSON.writeValueAsString(Map.of("models", models)).getBytes(StandardCharsets.UTF_8);
  }

  private static String camel(String kebab) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char ch : kebab.toCharArray()) {
      if (ch == '-') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(ch) : ch);
        up = false;
      }
    }
    return b.toString();
  }
}
