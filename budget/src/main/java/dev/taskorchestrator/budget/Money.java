package dev.taskorchestrator.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact amount of US dollars, held as whole nano-dollars (10<sup>-9</sup> USD).
 *
 * <p>One currency only. Amounts may be negative (a remaining budget after an overrun). The largest
 * amount is about 9.2 billion dollars; arithmetic that would overflow throws.
 *
 * @param nanos the amount in nano-dollars
 */
public record Money(long nanos) implements Comparable<Money> {

  /** Nano-dollars in one dollar. */
  public static final long NANOS_PER_USD = 1_000_000_000L;

  public static final Money ZERO = new Money(0);

  /** Parses a dollar amount such as {@code "5.00"} or {@code "0.000125"}; at most 9 decimals. */
  public static Money usd(String amount) {
    Objects.requireNonNull(amount, "amount is null");
    String s = amount.strip();
    if (s.startsWith("$")) {
      s = s.substring(1);
    }
    try {
      return usd(new BigDecimal(s));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a dollar amount: '" + amount + "'", e);
    }
  }

  /** Converts an exact decimal amount of dollars; at most 9 decimals, else it is refused. */
  public static Money usd(BigDecimal amount) {
    Objects.requireNonNull(amount, "amount is null");
    BigDecimal n = amount.movePointRight(9);
    try {
      return new Money(n.setScale(0, RoundingMode.UNNECESSARY).longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "dollar amount must have at most 9 decimals and fit in range: " + amount.toPlainString(), e);
    }
  }

  public static Money ofNanos(long nanos) {
    return new Money(nanos);
  }

  public Money plus(Money other) {
    return new Money(Math.addExact(nanos, other.nanos));
  }

  public Money minus(Money other) {
    return new Money(Math.subtractExact(nanos, other.nanos));
  }

  public Money times(long factor) {
    return new Money(Math.multiplyExact(nanos, factor));
  }

  public boolean isNegative() {
    return nanos < 0;
  }

  public boolean isZero() {
    return nanos == 0;
  }

  public boolean isGreaterThan(Money other) {
    return nanos > other.nanos;
  }

  public Money max(Money other) {
    return nanos >= other.nanos ? this : other;
  }

  public Money min(Money other) {
    return nanos <= other.nanos ? this : other;
  }

  @Override
  public int compareTo(Money other) {
    return Long.compare(nanos, other.nanos);
  }

  /** The exact amount in dollars, e.g. {@code 1.234567}; at least 2 decimals. */
  public BigDecimal toBigDecimal() {
    BigDecimal d = BigDecimal.valueOf(nanos, 9).stripTrailingZeros();
    return d.scale() < 2 ? d.setScale(2, RoundingMode.UNNECESSARY) : d;
  }

  /** The amount as a plain decimal string of dollars, e.g. {@code "1.234567"} (for JSON). */
  public String toPlainString() {
    return toBigDecimal().toPlainString();
  }

  /** For people: {@code "$1.234567"}, {@code "$5.00"}, {@code "-$0.25"}. */
  @Override
  public String toString() {
    return nanos < 0 ? "-$" + new Money(-nanos).toPlainString() : "$" + toPlainString();
  }
}
