package dev.tally.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finance's scenarios against the real stores, each with a hand-computed statement: partners and
 * links come in through {@code partners import}, invoices are raw ClickHouse events (year 2042),
 * statements are generated, moved and read back from their CSV and PDF files.
 *
 * <p>A statement line reads {@code shop|currency|line|source period|revenue|rate|rate source|commission};
 * shops appear by their alias (A1, B1, ...).
 */
class PartnerStatementsIT {

  static final Map<String, String> PARTNERS = new LinkedHashMap<>();
  static final Map<String, String> SHOPS = new LinkedHashMap<>();

  static {
    String[] partners = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"};
    for (int i = 0; i < partners.length; i++) {
      PARTNERS.put(partners[i], String.format("f0000000-0000-0000-0000-0000000420%02d", i + 1));
    }
    String[] shops = {"A1", "A2", "B1", "C1", "D1", "E1", "F1", "G1", "G2", "H1", "I1", "J1"};
    for (int i = 0; i < shops.length; i++) {
      SHOPS.put(shops[i], String.format("5a000000-0000-0000-0000-0000000420%02d", i + 1));
    }
  }

  @TempDir
  static Path tmp;

  static Path out;

  @BeforeAll
  static void givenPartnersLinksAndInvoices() throws IOException {
    Stores.clearYear(2042);
    Stores.forgetPartners(PARTNERS.values());
    out = tmp.resolve("statements");
    StringBuilder links = new StringBuilder("shop_id,partner_id,custom_commission_rate,activated_at\n");
    for (String shop : SHOPS.keySet()) {
      String partner = PARTNERS.get(shop.substring(0, 1));
      String custom = shop.equals("A1") ? "0.2500" : "";
      String activated = shop.equals("B1") ? "2042-01-15T00:00:00Z" : "2041-12-01";
      links.append(SHOPS.get(shop)).append(',').append(partner).append(',').append(custom).append(',').append(activated)
          .append('\n');
    }
    Cli.Result[] imported = Cli.importPartners("""
        id,name,type,contact_email,commission_rate,payment_terms,deleted_at
        %s,Alpha Resellers,reseller,alpha@example.com,0.1000,net_30,
        %s,Beta Affiliates,affiliate,,0.1000,,
        %s,Gamma Integrations,integration,,0.2000,,2042-01-20T12:00:00Z
        %s,Delta,reseller,,0.1500,,
        %s,Epsilon,reseller,,0.1000,net_15,
        %s,Zeta,affiliate,,0.2000,,
        %s,Eta Tokyo Manama,oemtools,,0.5000,,
        %s,Theta,reseller,,0.1000,,
        %s,Iota,reseller,,0.1000,,
        %s,Kappa,reseller,kappa@example.com,0.1000,,
        """.formatted(PARTNERS.values().toArray()), links.toString());
    assertThat(imported[0].out()).contains("imported 10 partners: 10 added, 0 updated");
    assertThat(imported[1].out()).contains("imported 12 links: 12 added, 0 updated");

    Stores.load(
        // A: shop override 0.2500 vs the partner's 0.1000
        paid("A1", "a1", "2042-01-10T00:00:00Z", 12345, "USD"),
        paid("A2", "a2", "2042-01-11T00:00:00Z", 20005, "USD"),
        // B: link activated 2042-01-15
        paid("B1", "b1", "2042-01-10T00:00:00Z", 10000, "USD"),
        paid("B1", "b2", "2042-01-15T00:00:00Z", 5000, "USD"),
        paid("B1", "b3", "2042-01-20T00:00:00Z", 3000, "USD"),
        // C: partner deleted 2042-01-20T12:00:00Z
        paid("C1", "c1", "2042-01-05T00:00:00Z", 10000, "USD"),
        paid("C1", "c2", "2042-01-20T12:00:00Z", 1000, "USD"),
        paid("C1", "c3", "2042-01-20T12:00:00.001Z", 100000, "USD"),
        paid("C1", "c4", "2042-01-25T00:00:00Z", 50000, "USD"),
        // D: refund in the same period
        paid("D1", "d1", "2042-01-08T00:00:00Z", 25000, "USD"),
        refunded("D1", "d2", "2042-01-18T00:00:00Z", 5000, "USD"),
        // E: paid in January; a January refund arrives after payment (loaded in the test)
        paid("E1", "e1", "2042-01-12T00:00:00Z", 30000, "USD"),
        paid("E1", "e3", "2042-02-10T00:00:00Z", 50000, "USD"),
        // F: refunds exceed January's revenue
        paid("F1", "f1", "2042-01-05T00:00:00Z", 10000, "USD"),
        refunded("F1", "f2", "2042-01-25T00:00:00Z", 25000, "USD"),
        paid("F1", "f3", "2042-02-03T00:00:00Z", 40000, "USD"),
        // G: halves of the minor unit in JPY and BHD at 0.5000
        paid("G1", "g1", "2042-01-03T00:00:00Z", 25, "JPY"),
        paid("G2", "g2", "2042-01-03T00:00:00Z", 25, "JPY"),
        paid("G1", "g3", "2042-01-04T00:00:00Z", 1001, "BHD"),
        paid("G2", "g4", "2042-01-04T00:00:00Z", 1003, "BHD"),
        // H: one invoice a month in the first quarter
        paid("H1", "h1", "2042-01-10T00:00:00Z", 1005, "USD"),
        paid("H1", "h2", "2042-02-10T00:00:00Z", 1005, "USD"),
        paid("H1", "h3", "2042-03-10T00:00:00Z", 1005, "USD"),
        // I: approved, then a late payment and new rates
        paid("I1", "i1", "2042-01-07T00:00:00Z", 10000, "USD"),
        // J: the lifecycle
        paid("J1", "j1", "2042-01-09T00:00:00Z", 7000, "USD"));
    generate("monthly", "2042-01"); // tests that move or add events generate again
  }

  @Test
  void overrideRateWinsOverThePartnersRate() throws IOException {

    assertThat(statement("A", "2042-01")).containsExactly(
        "A1|USD|revenue|2042-01|123.45|0.2500|override|30.86",
        "A2|USD|revenue|2042-01|200.05|0.1000|partner|20.00",
        "|USD|total||323.50|||50.86");
    assertThat(header("A", "2042-01")).isEqualTo("Alpha Resellers|monthly|2042-01|2042-01-01|2042-01-31|calculated||");
  }

  @Test
  void linkActivatedMidPeriodEarnsFromItsActivation() throws IOException {

    assertThat(statement("B", "2042-01")).containsExactly(
        "B1|USD|revenue|2042-01|80.00|0.1000|partner|8.00",
        "|USD|total||80.00|||8.00");
  }

  @Test
  void partnerDeletedMidPeriodEarnsNothingAfterItsDeletion() throws IOException {
    generate("monthly", "2042-02");

    assertThat(statement("C", "2042-01")).containsExactly(
        "C1|USD|revenue|2042-01|110.00|0.2000|partner|22.00",
        "|USD|total||110.00|||22.00");
    assertThat(Files.exists(out.resolve("2042-02").resolve(PARTNERS.get("C") + ".csv"))).isFalse();
  }

  @Test
  void refundInTheSamePeriodReducesItsRevenue() throws IOException {

    assertThat(statement("D", "2042-01")).containsExactly(
        "D1|USD|revenue|2042-01|200.00|0.1500|partner|30.00",
        "|USD|total||200.00|||30.00");
  }

  @Test
  void refundAfterThePeriodWasPaidIsAnAdjustmentInTheNextPeriod() throws IOException {
    generate("monthly", "2042-01");
    move("approve", "E", "2042-01");
    move("mark-paid", "E", "2042-01", "--reference", "PAY-E-1", "--paid-on", "2042-02-05");
    Stores.load(refunded("E1", "e2", "2042-01-28T00:00:00Z", 12000, "USD"));

    generate("monthly", "2042-01");
    generate("monthly", "2042-02");

    assertThat(statement("E", "2042-01")).as("the paid statement never changes").containsExactly(
        "E1|USD|revenue|2042-01|300.00|0.1000|partner|30.00",
        "|USD|total||300.00|||30.00");
    assertThat(header("E", "2042-01")).isEqualTo("Epsilon|monthly|2042-01|2042-01-01|2042-01-31|paid|PAY-E-1|2042-02-05");
    assertThat(statement("E", "2042-02")).containsExactly(
        "E1|USD|revenue|2042-02|500.00|0.1000|partner|50.00",
        "E1|USD|adjustment|2042-01|-120.00|0.1000|partner|-12.00",
        "|USD|total||380.00|||38.00");
    assertThat(clickHouseRows("E")).containsExactly(
        "monthly|2042-01-01|300.000|30.000|paid|PAY-E-1",
        "monthly|2042-02-01|380.000|38.000|calculated|null");

    generate("monthly", "2042-02");
    assertThat(statement("E", "2042-02")).as("the adjustment is placed once").containsExactly(
        "E1|USD|revenue|2042-02|500.00|0.1000|partner|50.00",
        "E1|USD|adjustment|2042-01|-120.00|0.1000|partner|-12.00",
        "|USD|total||380.00|||38.00");
  }

  @Test
  void refundsAboveRevenueAreCarriedForwardAndNothingStoredIsNegative() throws IOException {
    generate("monthly", "2042-01");
    assertThat(statement("F", "2042-01")).containsExactly(
        "F1|USD|revenue|2042-01|-150.00|0.2000|partner|-30.00",
        "F1|USD|carried_to_next||150.00|||30.00",
        "|USD|total||0.00|||0.00");
    move("approve", "F", "2042-01");

    generate("monthly", "2042-02");

    assertThat(statement("F", "2042-02")).containsExactly(
        "F1|USD|revenue|2042-02|400.00|0.2000|partner|80.00",
        "F1|USD|carried_forward|2042-01|-150.00|0.2000|partner|-30.00",
        "|USD|total||250.00|||50.00");
    assertThat(Rows.text(Stores.pg("SELECT period_start::text, revenue_amount, commission_amount FROM partner_revenue"
        + " WHERE partner_id = ?::uuid ORDER BY period_start", PARTNERS.get("F"))))
        .containsExactly("2042-01-01|0.000|0.000", "2042-02-01|250.000|50.000");
  }

  @Test
  void jpyAndBhdRoundHalfEvenPerLineAndTotalsAreSumsOfRoundedLines() throws IOException {

    assertThat(statement("G", "2042-01")).containsExactly(
        "G1|BHD|revenue|2042-01|1.001|0.5000|partner|0.500",
        "G1|JPY|revenue|2042-01|25|0.5000|partner|12",
        "G2|BHD|revenue|2042-01|1.003|0.5000|partner|0.502",
        "G2|JPY|revenue|2042-01|25|0.5000|partner|12",
        "|BHD|total||2.004|||1.002",
        "|JPY|total||50|||24");
    assertThat(summary("2042-01", "G")).containsExactly(
        "Eta Tokyo Manama|calculated|BHD|2.004|1.002||",
        "Eta Tokyo Manama|calculated|JPY|50|24||");
  }

  @Test
  void pdfShowsTheFiguresRightAlignedWithTheirCurrencyCodes() throws IOException {

    Path pdf = out.resolve("2042-01").resolve(PARTNERS.get("G") + ".pdf");
    try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
      String text = new PDFTextStripper().getText(document);
      assertThat(text).contains("Partner revenue statement", "Eta Tokyo Manama (oemtools)", PARTNERS.get("G"),
          "monthly 2042-01 (2042-01-01 to 2042-01-31)", "calculated", "Total payable");
      assertThat(text).contains("1.001 BHD", "0.500 BHD", "1.003 BHD", "0.502 BHD", "2.004 BHD", "1.002 BHD",
          "25 JPY", "12 JPY", "50 JPY", "24 JPY", "0.5000 partner");

      RightEdges edges = new RightEdges();
      edges.getText(document);
      // every amount ends with its currency code at one of two right edges: the revenue and the commission column
      assertThat(edges.amountEdges).hasSizeGreaterThanOrEqualTo(12);
      assertThat(edges.amountEdges.stream().map(e -> Math.round(e)).distinct().sorted().toList()).containsExactly(410, 555);
    }
  }

  @Test
  void quarterlyAndAnnualPeriodsCoverMonthsAlreadyApprovedWithoutPayingThemTwice() throws IOException {
    generate("monthly", "2042-01");
    generate("monthly", "2042-02");
    move("approve", "H", "2042-01");
    move("approve", "H", "2042-02");

    generate("quarterly", "2042-Q1");
    generate("annual", "2042");

    assertThat(statement("H", "2042-Q1")).containsExactly(
        "H1|USD|revenue|2042-Q1|30.15|0.1000|partner|3.02",
        "|USD|total||30.15|||3.02");
    assertThat(statement("H", "2042")).containsExactly(
        "H1|USD|revenue|2042|30.15|0.1000|partner|3.02",
        "|USD|total||30.15|||3.02");
    assertThat(statement("H", "2042-01")).containsExactly(
        "H1|USD|revenue|2042-01|10.05|0.1000|partner|1.00",
        "|USD|total||10.05|||1.00");
    assertThat(pdfText("H", "2042-Q1")).contains(
        "The monthly statement 2042-01 (pending_payment) covers part of this period",
        "The monthly statement 2042-02 (pending_payment) covers part of this period");

    Cli.Result quarter = move("approve", "H", "2042-Q1", "--period-type", "quarterly");
    assertThat(quarter.exitCode()).isEqualTo(2);
    assertThat(quarter.err()).contains("monthly 2042-01 (pending_payment)", "pay the same revenue twice");
    Cli.Result year = move("approve", "H", "2042", "--period-type", "annual");
    assertThat(year.exitCode()).isEqualTo(2);
    assertThat(Rows.text(Stores.pg("SELECT period_type, status FROM partner_revenue WHERE partner_id = ?::uuid"
        + " ORDER BY period_start, period_type", PARTNERS.get("H")))).containsExactly(
        "annual|calculated", "monthly|pending_payment", "quarterly|calculated", "monthly|pending_payment");
  }

  @Test
  void recomputingAPeriodAfterApprovalChangesNothing() throws IOException {
    generate("monthly", "2042-01");
    move("approve", "I", "2042-01");
    List<String> approved = allColumns("I");
    List<String> approvedInClickHouse = clickHouseRows("I");
    Stores.load(paid("I1", "i2", "2042-01-30T00:00:00Z", 5000, "USD"));
    Cli.Result[] updated = Cli.importPartners("id,name,type,commission_rate\n" + PARTNERS.get("I") + ",Iota,reseller,0.3000\n",
        "shop_id,partner_id,custom_commission_rate,activated_at\n" + SHOPS.get("I1") + "," + PARTNERS.get("I")
            + ",0.2500,2041-12-01\n");
    assertThat(updated[0].out()).contains("0 added, 1 updated");
    assertThat(updated[1].out()).contains("0 added, 1 updated");

    generate("monthly", "2042-01");
    assertThat(Cli.run("partner-revenue", "--period-type", "monthly", "--period", "2042-01").exitCode()).isZero();

    assertThat(allColumns("I")).isEqualTo(approved);
    assertThat(clickHouseRows("I")).isEqualTo(approvedInClickHouse);
    assertThat(statement("I", "2042-01")).containsExactly(
        "I1|USD|revenue|2042-01|100.00|0.1000|partner|10.00",
        "|USD|total||100.00|||10.00");

    generate("monthly", "2042-02");
    assertThat(statement("I", "2042-02")).as("the late payment, at the rate January was approved with").containsExactly(
        "I1|USD|adjustment|2042-01|50.00|0.1000|partner|5.00",
        "|USD|total||50.00|||5.00");
  }

  @Test
  void lifecycleRefusesIllegalMovesAndAuditsEveryTransition() throws IOException {
    generate("monthly", "2042-01");
    List<String> before = allColumns("J");

    Cli.Result payCalculated = move("mark-paid", "J", "2042-01", "--reference", "PAY-J", "--paid-on", "2042-02-01");
    assertThat(payCalculated.exitCode()).isEqualTo(2);
    assertThat(payCalculated.err()).contains("cannot mark-paid a calculated statement: approve it first");
    assertThat(move("dispute", "J", "2042-01").exitCode()).as("dispute without --reason").isEqualTo(2);
    assertThat(move("resolve", "J", "2042-01").exitCode()).as("resolve an undisputed statement").isEqualTo(2);
    assertThat(move("approve", "J", "2042-13").exitCode()).as("bad period").isEqualTo(2);
    assertThat(Cli.statements("approve", "--period", "2042-01", "--partner", "not-a-uuid").exitCode()).isEqualTo(2);
    assertThat(Cli.statements("approve", "--period", "2042-01", "--partner", "f9000000-0000-0000-0000-000000042099")
        .err()).contains("no partner f9000000-0000-0000-0000-000000042099");
    assertThat(Cli.statements("generate", "--period", "2042-01", "--partner", "f9000000-0000-0000-0000-000000042099",
        "--out", out.toString()).exitCode()).isEqualTo(2);
    assertThat(allColumns("J")).as("refused moves change nothing").isEqualTo(before);

    assertThat(move("dispute", "J", "2042-01", "--reason", "shop J1 was not ours", "--by", "bob").exitCode()).isZero();
    assertThat(move("approve", "J", "2042-01").err()).contains("resolve the dispute first");
    assertThat(move("resolve", "J", "2042-01", "--reason", "confirmed", "--by", "carol").exitCode()).isZero();
    assertThat(move("approve", "J", "2042-01", "--by", "alice").exitCode()).isZero();
    assertThat(move("mark-paid", "J", "2042-01", "--reference", "PAY-J").exitCode()).as("no --paid-on").isEqualTo(2);
    assertThat(move("mark-paid", "J", "2042-01", "--reference", "PAY-J", "--paid-on", "2042-02-31").exitCode())
        .as("no such date").isEqualTo(2);
    assertThat(move("mark-paid", "J", "2042-01", "--reference", "PAY-J", "--paid-on", "2042-02-20", "--by", "dave")
        .exitCode()).isZero();
    Cli.Result approvePaid = move("approve", "J", "2042-01");
    assertThat(approvePaid.exitCode()).isEqualTo(2);
    assertThat(approvePaid.err()).contains("cannot approve a paid statement");
    assertThat(move("dispute", "J", "2042-01", "--reason", "late").exitCode()).isEqualTo(2);

    assertThat(Rows.text(Stores.pg("SELECT actor, from_status, to_status, reason, payment_reference, rows_changed,"
        + " at IS NOT NULL FROM partner_revenue_audit WHERE partner_id = ?::uuid ORDER BY id", PARTNERS.get("J"))))
        .containsExactly(
            "bob|calculated|disputed|shop J1 was not ours|null|1|true",
            "carol|disputed|calculated|confirmed|null|1|true",
            "alice|calculated|pending_payment|null|null|1|true",
            "dave|pending_payment|paid|null|PAY-J|1|true");

    generate("monthly", "2042-01");
    assertThat(header("J", "2042-01")).isEqualTo("Kappa|monthly|2042-01|2042-01-01|2042-01-31|paid|PAY-J|2042-02-20");
    assertThat(statement("J", "2042-01")).containsExactly(
        "J1|USD|revenue|2042-01|70.00|0.1000|partner|7.00",
        "|USD|total||70.00|||7.00");
    assertThat(pdfText("J", "2042-01")).contains("reference PAY-J, paid on 2042-02-20", "7.00 USD",
        "calculated -> disputed by bob: shop J1 was not ours", "pending_payment -> paid by dave, reference PAY-J");
  }

  // --- helpers

  static Event paid(String shop, String id, String at, long amountMinor, String currency) {
    return Event.of(SHOPS.get(shop), id + "-2042", "invoice_paid", at).invoice("sale", amountMinor, currency, "inv-" + id);
  }

  static Event refunded(String shop, String id, String at, long amountMinor, String currency) {
    return Event.of(SHOPS.get(shop), id + "-2042", "invoice_refunded", at).invoice("refund", amountMinor, currency,
        "inv-" + id);
  }

  static void generate(String type, String period) {
    Cli.generateStatements(out, type, period);
  }

  static Cli.Result move(String command, String partner, String period, String... more) {
    return Cli.moveStatement(command, PARTNERS.get(partner), period, more);
  }


  static List<CSVRecord> records(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(in)
            .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
      return parser.getRecords();
    }
  }

  /** The statement's lines: shop alias, currency, line, source period, revenue, rate, rate source, commission. */
  static List<String> statement(String partner, String period) throws IOException {
    List<String> lines = new ArrayList<>();
    for (CSVRecord r : records(out.resolve(period).resolve(PARTNERS.get(partner) + ".csv"))) {
      assertThat(r.get("partner_id")).isEqualTo(PARTNERS.get(partner));
      lines.add(String.join("|", alias(r.get("shop_id")), r.get("currency"), r.get("line"), r.get("source_period"),
          r.get("revenue"), r.get("commission_rate"), r.get("rate_source"), r.get("commission")));
    }
    return lines;
  }

  /** Partner name, period type, period, start, end, status, payment reference and date, as on every line. */
  static String header(String partner, String period) throws IOException {
    CSVRecord r = records(out.resolve(period).resolve(PARTNERS.get(partner) + ".csv")).get(0);
    return String.join("|", r.get("partner_name"), r.get("period_type"), r.get("period"), r.get("period_start"),
        r.get("period_end"), r.get("status"), r.get("payment_reference"), r.get("paid_on"));
  }

  static List<String> summary(String period, String partner) throws IOException {
    return records(out.resolve(period).resolve("summary.csv")).stream()
        .filter(r -> r.get("partner_id").equals(PARTNERS.get(partner)))
        .map(r -> String.join("|", r.get("partner_name"), r.get("status"), r.get("currency"), r.get("revenue"),
            r.get("commission"), r.get("payment_reference"), r.get("paid_on")))
        .toList();
  }

  static String pdfText(String partner, String period) throws IOException {
    try (PDDocument document = Loader.loadPDF(out.resolve(period).resolve(PARTNERS.get(partner) + ".pdf").toFile())) {
      return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }
  }

  static String alias(String shopId) {
    return SHOPS.entrySet().stream().filter(e -> e.getValue().equals(shopId)).map(Map.Entry::getKey).findFirst()
        .orElse(shopId);
  }

  /** Every stored column of a partner's rows and lines (timestamps included), to prove nothing changed. */
  static List<String> allColumns(String partner) {
    List<String> rows = new ArrayList<>(Rows.text(Stores.pg("SELECT * FROM partner_revenue WHERE partner_id = ?::uuid"
        + " ORDER BY period_type, period_start, shop_id, currency", PARTNERS.get(partner))));
    rows.addAll(Rows.text(Stores.pg("SELECT l.* FROM partner_revenue_lines l JOIN partner_revenue r"
        + " ON r.id = l.partner_revenue_id WHERE r.partner_id = ?::uuid ORDER BY l.id", PARTNERS.get(partner))));
    return rows;
  }

  static List<String> clickHouseRows(String partner) {
    return Rows.text(Stores.ch("SELECT period_type, toString(period_start), revenue_amount, commission_amount, status,"
        + " payment_reference FROM partner_revenue FINAL WHERE partner_id = '" + PARTNERS.get(partner) + "'"
        + " AND period_type = 'monthly' ORDER BY period_start"));
  }

  /** Collects where each piece of text that ends with a currency code ends on the page (x of its right edge). */
  static final class RightEdges extends PDFTextStripper {
    final List<Float> amountEdges = new ArrayList<>();

    RightEdges() throws IOException {
      setSortByPosition(true);
    }

    @Override
    protected void writeString(String text, List<TextPosition> positions) throws IOException {
      if (text.matches(".*\\d (USD|JPY|BHD)$") && !positions.isEmpty()) {
        TextPosition last = positions.get(positions.size() - 1);
        amountEdges.add(last.getXDirAdj() + last.getWidthDirAdj());
      }
      super.writeString(text, positions);
    }
  }
}
