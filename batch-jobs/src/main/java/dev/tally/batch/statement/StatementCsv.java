package dev.tally.batch.statement;

import dev.tally.batch.csv.CsvCells;
import dev.tally.batch.partner.RevenuePeriod;
import dev.tally.batch.partner.StatementLine;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Statements as CSV (RFC 4180, header row, amounts at the currency's minor unit, no grouping): one
 * file per partner with a row per statement line and per currency total, and a summary of all
 * partners of a period with a row per partner and currency. Text cells go through {@link CsvCells}, so
 * a partner named {@code =HYPERLINK(...)} opens in a spreadsheet as text.
 */
public final class StatementCsv {

  /** Columns of a partner's statement. */
  public static final String[] STATEMENT_HEADER = {"partner_id", "partner_name", "period_type", "period",
      "period_start", "period_end", "status", "payment_reference", "paid_on", "shop_id", "currency", "line",
      "source_period", "revenue", "commission_rate", "rate_source", "commission"};

  /** Columns of the summary. */
  public static final String[] SUMMARY_HEADER = {"period_type", "period", "partner_id", "partner_name", "status",
      "currency", "revenue", "commission", "payment_reference", "paid_on"};

  private StatementCsv() {}

  /** One partner's statement. */
  public static void write(PartnerStatement s, Appendable out) throws IOException {
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(STATEMENT_HEADER).get())) {
      for (PartnerStatement.Section section : s.sections()) {
        for (StatementLine line : section.lines()) {
          csv.printRecord(row(s, section.shopId(), section.currency(), line.kind().label(), source(s.period(), line),
              line.revenue(), line.rate().toPlainString(), line.rateOverride() ? "override" : "partner", line.commission()));
        }
        Optional<StatementLine> carried = section.carriedToNext(s.period());
        if (carried.isPresent()) {
          csv.printRecord(row(s, section.shopId(), section.currency(), "carried_to_next", "", carried.get().revenue(), "",
              "", carried.get().commission()));
        }
      }
      for (PartnerStatement.Total total : s.totals()) {
        csv.printRecord(row(s, "", total.currency(), "total", "", total.revenue(), "", "", total.commission()));
      }
    }
  }

  /** The summary of a period: one row per partner and currency (partners without rows: one row, no currency). */
  public static void writeSummary(List<PartnerStatement> statements, Appendable out) throws IOException {
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(SUMMARY_HEADER).get())) {
      for (PartnerStatement s : statements) {
        List<PartnerStatement.Total> totals = s.totals();
        if (totals.isEmpty()) {
          csv.printRecord(texts(s.period().type().label(), s.period().label(), s.partner().id(), s.partner().name(),
              s.statusLabel(), null, null, null, s.paymentReference(), s.paidOn()));
        }
        for (PartnerStatement.Total t : totals) {
          List<Object> row = texts(s.period().type().label(), s.period().label(), s.partner().id(), s.partner().name(),
              s.statusLabel(), t.currency());
          row.add(Money.plain(t.revenue(), t.currency()));
          row.add(Money.plain(t.commission(), t.currency()));
          row.addAll(texts(s.paymentReference(), s.paidOn()));
          csv.printRecord(row);
        }
      }
    }
  }

  private static List<Object> row(PartnerStatement s, String shop, String currency, String line, String source,
      BigDecimal revenue, String rate, String rateSource, BigDecimal commission) {
    List<Object> values = texts(s.partner().id(), s.partner().name(), s.period().type().label(), s.period().label(),
        s.period().start(), s.period().end(), s.statusLabel(), s.paymentReference(), s.paidOn(), shop, currency, line,
        source);
    values.add(Money.plain(revenue, currency));
    values.add(rate);
    values.add(CsvCells.text(rateSource));
    values.add(Money.plain(commission, currency));
    return values;
  }

  /** The period a line's amounts come from, as text ({@code 2026-09}); the statement's own for revenue lines. */
  static String source(RevenuePeriod period, StatementLine line) {
    return RevenuePeriod.of(period.type(), line.sourceStart()).label();
  }

  /** Text cells (null as empty), in a list that amounts can be added to. */
  private static List<Object> texts(Object... values) {
    List<Object> cells = new ArrayList<>(values.length + 4);
    for (Object v : values) {
      cells.add(CsvCells.text(v));
    }
    return cells;
  }
}
