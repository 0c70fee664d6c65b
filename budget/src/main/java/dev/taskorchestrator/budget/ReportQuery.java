package dev.taskorchestrator.budget;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A cost report: spend over a period, grouped, the largest groups first.
 *
 * @param period which ledger rows count
 * @param groupBy what each row of the report stands for
 * @param topN at most this many groups (1..10,000)
 */
public record ReportQuery(Period period, GroupBy groupBy, int topN) {

  public ReportQuery {
    Objects.requireNonNull(period, "period is null");
    Objects.requireNonNull(groupBy, "groupBy is null");
    if (topN < 1 || topN > 10_000) {
      throw new IllegalArgumentException("topN must be 1..10000: " + topN);
    }
  }

  /** Which ledger rows a report covers. Day and month are calendar periods in the guard's time zone. */
  public sealed interface Period {
    record Today() implements Period {}

    record ThisMonth() implements Period {}

    record All() implements Period {}

    record Since(Instant from) implements Period {
      public Since {
        Objects.requireNonNull(from, "from is null");
      }
    }

    static Period today() {
      return new Today();
    }

    static Period month() {
      return new ThisMonth();
    }

    static Period all() {
      return new All();
    }

    static Period since(Instant from) {
      return new Since(from);
    }

    /** Parses {@code today}, {@code month}, {@code all} or an ISO-8601 instant. */
    static Period parse(String s) {
      return switch (s.strip().toLowerCase(Locale.ROOT)) {
        case "today", "day" -> today();
        case "month" -> month();
        case "all" -> all();
        default -> {
          try {
            yield since(Instant.parse(s.strip()));
          } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(
                "period must be today, month, all or an ISO-8601 instant: '" + s + "'", e);
          }
        }
      };
    }
  }

  /** What a report row stands for. */
  public enum GroupBy {
    TASK("task_id"),
    SESSION("session_id"),
    ARCHETYPE("archetype"),
    MODEL("model"),
    PROVIDER("provider");

    private final String column;

    GroupBy(String column) {
      this.column = column;
    }

    /** The ledger column grouped on (a fixed name, never user input). */
    public String column() {
      return column;
    }

    public static GroupBy fromWireName(String name) {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }
  }
}
