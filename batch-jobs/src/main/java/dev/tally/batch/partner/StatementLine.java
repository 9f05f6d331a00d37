package dev.tally.batch.partner;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;

/**
 * One line of a partner's statement for one shop and currency, amounts signed, in major units at
 * the currency's minor-unit scale (partner_revenue_lines).
 *
 * @param kind never null
 * @param sourceStart first day of the period the amounts belong to (the statement's own period for
 *     {@link Kind#REVENUE}; the later period that holds them for {@link Kind#ADJUSTED_LATER})
 * @param sourceEnd last day of that period, inclusive
 * @param rate the commission rate the line was computed with
 * @param rateOverride true when {@code rate} is the shop's custom rate, false for the partner's
 */
public record StatementLine(Kind kind, LocalDate sourceStart, LocalDate sourceEnd, BigDecimal revenue,
    BigDecimal rate, boolean rateOverride, BigDecimal commission) {

  /** What a line is. */
  public enum Kind {
    /** The shop's own net billing revenue in the period. */
    REVENUE,
    /** A late payment or refund that belongs to an earlier period already approved or paid. */
    ADJUSTMENT,
    /** The negative total of an earlier approved or paid period, which paid nothing. */
    CARRIED_FORWARD,
    /**
     * Taken off: this period's own events that a later approved or paid statement already holds as
     * an adjustment (placed while this period was approved, before it was disputed and resolved).
     * Its source is that later period.
     */
    ADJUSTED_LATER;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind of(String label) {
      return valueOf(label.toUpperCase(Locale.ROOT));
    }
  }
}
