package dev.tally.batch.statement;

import dev.tally.batch.partner.CommissionCalculator;
import dev.tally.batch.partner.RevenuePeriod;
import dev.tally.batch.partner.StatementLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A partner's statement for one period, as finance reads it: partner details, period, status,
 * one section per shop and currency (the shop's revenue line with the rate used and whether it was
 * the shop's override, adjustment and carried-forward lines with the period they come from, and,
 * when the section is negative, what is carried to the next period), totals per currency, the
 * payment reference once paid, the transitions so far, and notes.
 *
 * @param status the statement's status; null when the partner has no rows in the period
 * @param paidOn the payment date, or null
 * @param notes things finance should know (overlapping approved statements), never null
 */
public record PartnerStatement(Partner partner, RevenuePeriod period, StatementStatus status, String paymentReference,
    LocalDate paidOn, List<Section> sections, List<Transition> history, List<String> notes) {

  /**
   * A partner's details.
   *
   * @param deletedAt null unless the partner was deleted
   */
  public record Partner(String id, String name, String type, String email, String phone, String paymentTerms,
      Instant deletedAt) {}

  /**
   * One partner_revenue row: a shop and currency, with the lines it sums and what it pays.
   *
   * @param revenue payable revenue (never negative)
   * @param commission payable commission (never negative)
   */
  public record Section(String shopId, String currency, BigDecimal revenue, BigDecimal commission, BigDecimal rate,
      boolean rateOverride, List<StatementLine> lines) {

    /**
     * When the lines sum to a negative amount, the line that brings the section to zero: the
     * negated sums, carried into the next period once this one is approved.
     */
    public Optional<StatementLine> carriedToNext(RevenuePeriod period) {
      int digits = CommissionCalculator.minorDigits(currency);
      BigDecimal r = BigDecimal.ZERO.setScale(digits);
      BigDecimal c = BigDecimal.ZERO.setScale(digits);
      for (StatementLine line : lines) {
        r = r.add(line.revenue());
        c = c.add(line.commission());
      }
      if (r.signum() >= 0 && c.signum() >= 0) {
        return Optional.empty();
      }
      return Optional.of(new StatementLine(StatementLine.Kind.CARRIED_FORWARD, period.start(), period.end(),
          r.negate().setScale(digits), rate, rateOverride, c.negate().setScale(digits)));
    }
  }

  /** One recorded transition. */
  public record Transition(Instant at, String actor, String from, String to, String reason, String paymentReference) {}

  /** Payable revenue and commission of one currency, sums of the sections' payable amounts. */
  public record Total(String currency, BigDecimal revenue, BigDecimal commission) {}

  /** Totals per currency, in currency order. */
  public List<Total> totals() {
    Map<String, Total> totals = new TreeMap<>();
    for (Section s : sections) {
      int digits = CommissionCalculator.minorDigits(s.currency());
      totals.merge(s.currency(), new Total(s.currency(), s.revenue().setScale(digits), s.commission().setScale(digits)),
          (a, b) -> new Total(a.currency(), a.revenue().add(b.revenue()), a.commission().add(b.commission())));
    }
    return List.copyOf(totals.values());
  }

  /** The status as text: the rows' common status, "no revenue" without rows. */
  public String statusLabel() {
    return status == null ? "no revenue" : status.label();
  }
}
