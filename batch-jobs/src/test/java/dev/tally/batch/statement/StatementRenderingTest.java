package dev.tally.batch.statement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.batch.partner.RevenuePeriod;
import dev.tally.batch.partner.StatementLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class StatementRenderingTest {

  static final RevenuePeriod OCTOBER = RevenuePeriod.parse(RevenuePeriod.Type.MONTHLY, "2026-10");
  static final LocalDate SEPTEMBER = LocalDate.parse("2026-09-01");

  static StatementLine line(StatementLine.Kind kind, LocalDate source, String revenue, String rate, boolean override,
      String commission) {
    return new StatementLine(kind, source, source.plusMonths(1).minusDays(1), new BigDecimal(revenue),
        new BigDecimal(rate), override, new BigDecimal(commission));
  }

  /** Shop s1 earns 1,234.56 USD at its override; shop s2's refunds exceed its revenue; s3 earns 1,000,000 JPY. */
  static PartnerStatement statement() {
    PartnerStatement.Section s1 = new PartnerStatement.Section("s1", "USD", new BigDecimal("1214.56"),
        new BigDecimal("303.64"), new BigDecimal("0.2500"), true, List.of(
            line(StatementLine.Kind.REVENUE, OCTOBER.start(), "1234.56", "0.2500", true, "308.64"),
            line(StatementLine.Kind.ADJUSTMENT, SEPTEMBER, "-20.00", "0.2500", true, "-5.00")));
    PartnerStatement.Section s2 = new PartnerStatement.Section("s2", "USD", new BigDecimal("0.00"),
        new BigDecimal("0.00"), new BigDecimal("0.1000"), false, List.of(
            line(StatementLine.Kind.REVENUE, OCTOBER.start(), "10.00", "0.1000", false, "1.00"),
            line(StatementLine.Kind.CARRIED_FORWARD, SEPTEMBER, "-50.00", "0.1000", false, "-5.00")));
    PartnerStatement.Section s3 = new PartnerStatement.Section("s3", "JPY", new BigDecimal("1000000"),
        new BigDecimal("100000"), new BigDecimal("0.1000"), false, List.of(
            line(StatementLine.Kind.REVENUE, OCTOBER.start(), "1000000", "0.1000", false, "100000")));
    return new PartnerStatement(new PartnerStatement.Partner("p-1", "Zürich Partners \u4e2d", "reseller",
        "z@example.com", null, "net_30", null), OCTOBER, StatementStatus.PAID, "PAY-7", LocalDate.parse("2026-11-15"),
        List.of(s1, s2, s3), List.of(new PartnerStatement.Transition(Instant.parse("2026-11-02T10:00:00Z"), "alice",
            "calculated", "pending_payment", null, null)), List.of("A note."));
  }

  @Test
  void csvHasALinePerStatementLineWhatIsCarriedToTheNextPeriodAndTotalsPerCurrency() throws IOException {
    StringBuilder csv = new StringBuilder();
    StatementCsv.write(statement(), csv);

    String prefix = "p-1,Zürich Partners \u4e2d,monthly,2026-10,2026-10-01,2026-10-31,paid,PAY-7,2026-11-15,";
    assertThat(csv.toString().split("\r\n")).containsExactly(String.join(",", StatementCsv.STATEMENT_HEADER),
        prefix + "s1,USD,revenue,2026-10,1234.56,0.2500,override,308.64",
        prefix + "s1,USD,adjustment,2026-09,-20.00,0.2500,override,-5.00",
        prefix + "s2,USD,revenue,2026-10,10.00,0.1000,partner,1.00",
        prefix + "s2,USD,carried_forward,2026-09,-50.00,0.1000,partner,-5.00",
        prefix + "s2,USD,carried_to_next,,40.00,,,4.00",
        prefix + "s3,JPY,revenue,2026-10,1000000,0.1000,partner,100000",
        prefix + ",JPY,total,,1000000,,,100000",
        prefix + ",USD,total,,1214.56,,,303.64");
  }

  @Test
  void summaryHasARowPerPartnerAndCurrency() throws IOException {
    StringBuilder csv = new StringBuilder();
    StatementCsv.writeSummary(List.of(statement()), csv);

    assertThat(csv.toString().split("\r\n")).containsExactly(String.join(",", StatementCsv.SUMMARY_HEADER),
        "monthly,2026-10,p-1,Zürich Partners \u4e2d,paid,JPY,1000000,100000,PAY-7,2026-11-15",
        "monthly,2026-10,p-1,Zürich Partners \u4e2d,paid,USD,1214.56,303.64,PAY-7,2026-11-15");
  }

  @Test
  void formulasInNamesAndReferencesOpenAsTextInASpreadsheetAndAsIsInThePdf() throws IOException {
    PartnerStatement plain = statement();
    PartnerStatement.Partner p = plain.partner();
    PartnerStatement hostile = new PartnerStatement(new PartnerStatement.Partner(p.id(), "=HYPERLINK(\"http://x\",\"y\")",
        p.type(), p.email(), p.phone(), p.paymentTerms(), p.deletedAt()), plain.period(), plain.status(),
        "@SUM(1+1)", plain.paidOn(), plain.sections(), plain.history(), plain.notes());
    StringBuilder statementCsv = new StringBuilder();
    StatementCsv.write(hostile, statementCsv);
    StringBuilder summaryCsv = new StringBuilder();
    StatementCsv.writeSummary(List.of(hostile), summaryCsv);

    assertThat(statementCsv.toString().split("\r\n")[2]).isEqualTo(
        "p-1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",monthly,2026-10,2026-10-01,2026-10-31,paid,'@SUM(1+1),2026-11-15,"
            + "s1,USD,adjustment,2026-09,-20.00,0.2500,override,-5.00"); // amounts stay numbers
    assertThat(summaryCsv.toString().split("\r\n")[1]).isEqualTo(
        "monthly,2026-10,p-1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",paid,JPY,1000000,100000,'@SUM(1+1),2026-11-15");
    ByteArrayOutputStream pdf = new ByteArrayOutputStream();
    StatementPdf.write(hostile, pdf);
    try (PDDocument document = Loader.loadPDF(pdf.toByteArray())) {
      assertThat(new PDFTextStripper().getText(document)).contains("=HYPERLINK(\"http://x\",\"y\")", "@SUM(1+1)")
          .doesNotContain("'=HYPERLINK", "'@SUM");
    }
  }

  @Test
  void pdfReadsBackWithGroupedAmountsCurrencyCodesAndTheHistory() throws IOException {
    ByteArrayOutputStream pdf = new ByteArrayOutputStream();
    StatementPdf.write(statement(), pdf);

    try (PDDocument document = Loader.loadPDF(pdf.toByteArray())) {
      String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
      assertThat(text).contains("Zürich Partners ? (reseller)", "Status paid", "reference PAY-7, paid on 2026-11-15",
          "1,234.56 USD", "308.64 USD", "-20.00 USD", "-5.00 USD", "Carried to next period", "40.00 USD",
          "1,000,000 JPY", "100,000 JPY", "1,214.56 USD", "303.64 USD", "calculated -> pending_payment by alice",
          "A note.");
    }
  }

  @Test
  void aLongStatementContinuesOnMorePages() throws IOException {
    PartnerStatement one = statement();
    List<PartnerStatement.Section> many = java.util.stream.IntStream.range(0, 80).mapToObj(i -> one.sections().get(2))
        .toList();
    PartnerStatement big = new PartnerStatement(one.partner(), one.period(), one.status(), one.paymentReference(),
        one.paidOn(), many, one.history(), one.notes());
    ByteArrayOutputStream pdf = new ByteArrayOutputStream();
    StatementPdf.write(big, pdf);

    try (PDDocument document = Loader.loadPDF(pdf.toByteArray())) {
      assertThat(document.getNumberOfPages()).isEqualTo(2);
      assertThat(new PDFTextStripper().getText(document)).contains("80,000,000 JPY", "8,000,000 JPY");
    }
  }
}
