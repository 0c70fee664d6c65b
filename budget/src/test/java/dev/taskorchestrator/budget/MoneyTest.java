package dev.taskorchestrator.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

  @Test
  void parsesDollarsExactlyToNanoDollars() {
    assertThat(Money.usd("5.00").nanos()).isEqualTo(5_000_000_000L);
    assertThat(Money.usd("$0.000000001").nanos()).isEqualTo(1);
    assertThat(Money.usd("0.1").plus(Money.usd("0.2"))).isEqualTo(Money.usd("0.3"));
  }

  @Test
  void refusesMoreThanNineDecimals() {
    assertThatThrownBy(() -> Money.usd("0.0000000001")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("9 decimals");
    assertThatThrownBy(() -> Money.usd("five")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void printsDollarsWithAtLeastTwoDecimals() {
    assertThat(Money.usd("5")).hasToString("$5.00");
    assertThat(Money.usd("1.234567")).hasToString("$1.234567");
    assertThat(Money.usd("-0.25")).hasToString("-$0.25");
    assertThat(Money.usd("1.5").toPlainString()).isEqualTo("1.50");
    assertThat(Money.usd("0.000125").toBigDecimal()).isEqualByComparingTo(new BigDecimal("0.000125"));
  }

  @Test
  void comparesAndSubtracts() {
    Money five = Money.usd("5.00");
    assertThat(five.minus(Money.usd("5.01")).isNegative()).isTrue();
    assertThat(five.isGreaterThan(Money.usd("4.99"))).isTrue();
    assertThat(five.compareTo(Money.usd("5"))).isZero();
    assertThat(five.min(Money.ZERO)).isEqualTo(Money.ZERO);
  }

  @Test
  void overflowThrowsInsteadOfWrapping() {
    assertThatThrownBy(() -> Money.ofNanos(Long.MAX_VALUE).plus(Money.ofNanos(1)))
        .isInstanceOf(ArithmeticException.class);
  }
}
