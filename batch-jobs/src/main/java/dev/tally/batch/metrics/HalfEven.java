package dev.tally.batch.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Exact division rounded half-even (banker's rounding), the one rounding rule of every rollup. */
public final class HalfEven {

  private HalfEven() {}

  /** numerator / denominator at {@code scale} decimals; denominator must not be 0. */
  public static BigDecimal divide(BigDecimal numerator, long denominator, int scale) {
    if (denominator == 0) {
      throw new ArithmeticException("division by zero");
    }
    return numerator.divide(BigDecimal.valueOf(denominator), scale, RoundingMode.HALF_EVEN);
  }

  /** The mean of {@code count} values summing to {@code sum}, or {@code ifEmpty} when count is 0. */
  public static BigDecimal mean(BigDecimal sum, long count, int scale, BigDecimal ifEmpty) {
    return count == 0 ? ifEmpty : divide(sum, count, scale);
  }
}
