package dev.taskorchestrator.orchestrator;

import dev.taskorchestrator.budget.Money;
import dev.taskorchestrator.budget.ScopeState;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Budget states as tool results show them: amounts in USD as exact decimals. */
public final class BudgetViews {

  private BudgetViews() {}

  public static List<Map<String, Object>> scopes(List<ScopeState> states) {
    return states.stream().map(BudgetViews::scope).toList();
  }

  public static Map<String, Object> scope(ScopeState s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scope", s.scope().wireName());
    m.put("id", s.id());
    if (s.period() != null) {
      m.put("period", s.period());
    }
    m.put("limit_usd", s.limit() == null ? null : usd(s.limit()));
    m.put("spent_usd", usd(s.spent()));
    m.put("reserved_usd", usd(s.reserved()));
    m.put("remaining_usd", s.remaining() == null ? null : usd(s.remaining()));
    m.put("percent_used", s.percentUsed());
    m.put("warn_below_percent", s.warnBelowPercent());
    m.put("state", s.status().name().toLowerCase(java.util.Locale.ROOT));
    return m;
  }

  public static BigDecimal usd(Money m) {
    return m.toBigDecimal().stripTrailingZeros();
  }

  static String idPart(ScopeState s) {
    return s.id().isEmpty() || s.id().equals("default") ? "" : " " + s.id();
  }

  public static String describe(ScopeState s) {
    return s.scope().wireName() + idPart(s) + " is " + s.status().name().toLowerCase(java.util.Locale.ROOT) + ": "
        + s.remaining() + " left of " + s.limit() + " (warns below " + s.warnBelowPercent() + " %)";
  }

  static String warning(List<ScopeState> attention) {
    return attention.stream().map(BudgetViews::describe).collect(Collectors.joining("; "));
  }
}
