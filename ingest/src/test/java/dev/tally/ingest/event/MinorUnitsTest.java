package dev.tally.ingest.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MinorUnitsTest {

  @ParameterizedTest
  @CsvSource({"USD, 19.99, 1999", "usd, 20, 2000", "JPY, 1999, 1999", "JPY, 1999.00, 1999", "BHD, 1.234, 1234",
      "KWD, 0.005, 5", "EUR, 0, 0", "CLP, 5000, 5000"})
  void amountsGoToTheMinorUnit(String currency, String amount, long minor) {
    assertThat(MinorUnits.toMinor(new BigDecimal(amount), MinorUnits.currency(currency, "c"), "a")).isEqualTo(minor);
  }

  @ParameterizedTest
  @CsvSource({"USD, 19.999, amount_precision", "JPY, 0.5, amount_precision", "BHD, 1.2345, amount_precision",
      "USD, -1, negative_amount", "USD, 999999999999999999999, amount_too_large"})
  void invalidAmountsAreRefused(String currency, String amount, String rule) {
    assertThatThrownBy(() -> MinorUnits.toMinor(new BigDecimal(amount), MinorUnits.currency(currency, "c"), "a"))
        .isInstanceOfSatisfying(EventRejected.class, e -> assertThat(e.rule().tag()).isEqualTo(rule));
  }

  @ParameterizedTest
  @CsvSource({"ZZZ", "US", "DOLLARS", "XXX"})
  void unknownCurrenciesAreRefused(String code) {
    assertThatThrownBy(() -> MinorUnits.currency(code, "properties.currency"))
        .isInstanceOf(EventRejected.class)
        .hasMessage("properties.currency: '" + code + "' is not an ISO 4217 currency code");
  }
}
