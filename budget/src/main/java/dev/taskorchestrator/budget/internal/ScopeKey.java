package dev.taskorchestrator.budget.internal;

import dev.taskorchestrator.budget.Scope;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * A scope row: limits are keyed by (scope, key), running totals by (scope, key, period). Key is the
 * task id, session id or provider name, '' for day and month; period is '' for task and session.
 */
public record ScopeKey(Scope scope, String key, String period) {

  public static ScopeKey task(String taskId) {
    return new ScopeKey(Scope.TASK, taskId, "");
  }

  public static ScopeKey session(String sessionId) {
    return new ScopeKey(Scope.SESSION, sessionId, "");
  }

  public static ScopeKey day(String day) {
    return new ScopeKey(Scope.DAY, "", day);
  }

  public static ScopeKey month(String month) {
    return new ScopeKey(Scope.MONTH, "", month);
  }

  public static ScopeKey provider(String provider, String day) {
    return new ScopeKey(Scope.PROVIDER, provider, day);
  }

  public static String dayOf(LocalDate d) {
    return d.toString();
  }

  public static String monthOf(LocalDate d) {
    return YearMonth.from(d).toString();
  }

  /** Every scope a call is charged on: the task chain (task first), session, day, month, provider. */
  public static List<ScopeKey> forCall(List<String> taskChain, String sessionId, String provider, String day,
      String month) {
    List<ScopeKey> keys = new ArrayList<>(taskChain.size() + 4);
    for (String t : taskChain) {
      keys.add(task(t));
    }
    if (sessionId != null) {
      keys.add(session(sessionId));
    }
    keys.add(day(day));
    keys.add(month(month));
    keys.add(provider(provider, day));
    return keys;
  }

  /** The id shown to users: the task, session or provider; the period for day and month. */
  public String displayId() {
    return key.isEmpty() ? period : key;
  }

  /** The period shown to users, or null for task and session. */
  public String displayPeriod() {
    return period.isEmpty() ? null : period;
  }
}
