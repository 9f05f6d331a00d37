package dev.tally.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** partner-revenue against the real stores: rate rules, activation and deletion, half-even per currency. */
class PartnerRevenueIT {

  static final String P1 = "10000000-0000-0000-0000-000000002036";
  static final String P2 = "20000000-0000-0000-0000-000000002036";
  static final String P3 = "30000000-0000-0000-0000-000000002036";
  static final String P4 = "40000000-0000-0000-0000-000000002036";
  static final String S1 = "a1000000-0000-0000-0000-000000002036";
  static final String S2 = "a2000000-0000-0000-0000-000000002036";
  static final String S3 = "a3000000-0000-0000-0000-000000002036";
  static final String S4 = "a4000000-0000-0000-0000-000000002036";

  @BeforeEach
  void givenPartnersLinksAndInvoices() {
    Stores.clearYear(2036);
    Stores.PG.update("DELETE FROM partners WHERE id IN (?::uuid, ?::uuid, ?::uuid, ?::uuid)", P1, P2, P3, P4);
    Stores.PG.update("INSERT INTO partners (id, name, type, commission_rate) VALUES (?::uuid, 'One', 'reseller', 0.1500)", P1);
    Stores.PG.update("INSERT INTO partners (id, name, type, commission_rate, deleted_at) VALUES (?::uuid, 'Two', 'affiliate',"
        + " 0.2000, '2036-03-20T12:00:00Z')", P2);
    Stores.PG.update("INSERT INTO partners (id, name, type, commission_rate) VALUES (?::uuid, 'Three', 'reseller', 0.3000)", P3);
    Stores.PG.update("INSERT INTO partners (id, name, type, commission_rate) VALUES (?::uuid, 'Four', 'reseller', 0.1500)", P4);
    Stores.PG.update("INSERT INTO shop_partners (shop_id, partner_id, custom_commission_rate, activated_at)"
        + " VALUES (?::uuid, ?::uuid, 0.1250, '2036-03-10T00:00:00Z')", S1, P1);
    Stores.PG.update("INSERT INTO shop_partners (shop_id, partner_id, activated_at) VALUES (?::uuid, ?::uuid, '2036-01-01T00:00:00Z')", S2, P2);
    Stores.PG.update("INSERT INTO shop_partners (shop_id, partner_id, status, activated_at) VALUES (?::uuid, ?::uuid,"
        + " 'inactive', '2036-01-01T00:00:00Z')", S3, P3);
    Stores.PG.update("INSERT INTO shop_partners (shop_id, partner_id, activated_at) VALUES (?::uuid, ?::uuid, '2036-01-01T00:00:00Z')", S4, P4);
    Stores.PG.update("INSERT INTO partner_revenue (shop_id, partner_id, currency, revenue_amount, commission_amount,"
        + " commission_rate, period_type, period_start, period_end, status, payment_reference) VALUES (?::uuid, ?::uuid,"
        + " 'USD', 1.000, 0.100, 0.1500, 'monthly', '2036-03-01', '2036-03-31', 'paid', 'PAY-1')", S4, P4);
    Stores.load(
        Event.of(S1, "i0", "invoice_paid", "2036-03-05T00:00:00.000Z").invoice("sale", 10000, "USD", "inv0"),
        Event.of(S1, "i1", "invoice_paid", "2036-03-10T00:00:00.000Z").invoice("sale", 20001, "USD", "inv1"),
        Event.of(S1, "i1", "invoice_paid", "2036-03-10T00:00:00.000Z").invoice("sale", 20001, "USD", "inv1"),
        Event.of(S1, "i2", "invoice_refunded", "2036-03-20T00:00:00.000Z").invoice("refund", 19901, "USD", "inv1"),
        Event.of(S1, "i3", "invoice_paid", "2036-03-15T00:00:00.000Z").invoice("sale", 12345, "BHD", "inv3"),
        Event.of(S1, "i4", "invoice_paid", "2036-03-31T23:59:59.999Z").invoice("sale", 999, "JPY", "inv4"),
        Event.of(S1, "i5", "invoice_paid", "2036-04-01T00:00:00.000Z").invoice("sale", 5000, "USD", "inv5"),
        Event.of(S2, "j1", "invoice_paid", "2036-03-20T12:00:00.000Z").invoice("sale", 5000, "USD", "jnv1"),
        Event.of(S2, "j2", "invoice_paid", "2036-03-20T12:00:00.001Z").invoice("sale", 7000, "USD", "jnv2"),
        Event.of(S2, "j3", "invoice_refunded", "2036-03-02T00:00:00.000Z").invoice("refund", 8000, "USD", "jnv0"),
        Event.of(S2, "j4", "invoice_paid", "2036-03-03T00:00:00.000Z").invoice("sale", 2500, "EUR", "jnv4"),
        Event.of(S3, "k1", "invoice_paid", "2036-03-03T00:00:00.000Z").invoice("sale", 2500, "USD", "knv1"),
        Event.of(S4, "l1", "invoice_paid", "2036-03-03T00:00:00.000Z").invoice("sale", 5000, "USD", "lnv1"));
  }

  @Test
  void monthlyLinesFollowTheRateRulesAndLeavePaidRowsAlone() {
    Cli.Result result = Cli.run("partner-revenue", "--period-type", "monthly", "--period", "2036-03");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> expected = List.of(
        // partner, shop, currency, revenue, commission, rate, status, end, payment reference
        P1 + "|" + S1 + "|BHD|12.345|1.543|0.1250|calculated|2036-03-31|null",
        P1 + "|" + S1 + "|JPY|999.000|125.000|0.1250|calculated|2036-03-31|null",
        P1 + "|" + S1 + "|USD|1.000|0.120|0.1250|calculated|2036-03-31|null",
        P2 + "|" + S2 + "|EUR|25.000|5.000|0.2000|calculated|2036-03-31|null",
        P2 + "|" + S2 + "|USD|0.000|0.000|0.2000|calculated|2036-03-31|null",
        P4 + "|" + S4 + "|USD|1.000|0.100|0.1500|paid|2036-03-31|PAY-1");
    assertThat(postgres()).containsExactlyElementsOf(expected);
    assertThat(clickHouse()).containsExactlyElementsOf(expected);
    assertThat(Stores.pg("SELECT metadata::text AS m FROM partner_revenue WHERE shop_id = ?::uuid AND currency = 'USD'", S2))
        .singleElement().extracting(r -> r.get("m")).isEqualTo("{\"negative_net\": \"-30.00\", \"negative_commission\": \"-6.00\"}");

    assertThat(Cli.run("partner-revenue", "--period-type", "monthly", "--period", "2036-03").exitCode()).isZero();
    assertThat(postgres()).as("rerun").containsExactlyElementsOf(expected);
    assertThat(clickHouse()).as("rerun").containsExactlyElementsOf(expected);
  }

  @Test
  void copiesOfOneInvoiceCountOnceWithTheFirstReceivedCopysAmount() {
    // a client resent invoice m1 with another amount and timestamp; the copy stored first (earlier
    // occurred_at) was received last
    Stores.load(
        Event.of(S2, "m1", "invoice_paid", "2036-03-04T00:00:00.000Z").received("2036-03-04T00:00:05.000Z")
            .invoice("sale", 1000, "EUR", "mnv1"),
        Event.of(S2, "m1", "invoice_paid", "2036-03-04T00:00:01.000Z").received("2036-03-04T00:00:02.000Z")
            .invoice("sale", 2000, "EUR", "mnv1"));

    assertThat(Cli.run("partner-revenue", "--period-type", "monthly", "--period", "2036-03").exitCode()).isZero();

    assertThat(postgres()).as("S2 EUR: 25.00 + the first received copy's 20.00, at 0.20")
        .contains(P2 + "|" + S2 + "|EUR|45.000|9.000|0.2000|calculated|2036-03-31|null");
  }

  @Test
  void anInvoiceResentAcrossTheMonthEndCountsInTheMonthOfItsFirstCopy() {
    // S1's billing system sent a batch at 22:00 on March 31 and resent it unchanged (same sentAt) five
    // hours later: the collector dates the resend receivedAt - (sentAt - timestamp), in April
    Stores.load(
        Event.of(S1, "n1", "invoice_paid", "2036-03-31T21:59:00.100Z").received("2036-03-31T22:00:00.100Z")
            .invoice("sale", 3000, "USD", "nnv1"),
        Event.of(S1, "n1", "invoice_paid", "2036-04-01T02:59:00.100Z").received("2036-04-01T03:00:00.100Z")
            .invoice("sale", 3000, "USD", "nnv1"));

    assertThat(Cli.run("partner-revenue", "--period-type", "monthly", "--period", "2036-03").exitCode()).isZero();
    assertThat(Cli.run("partner-revenue", "--period-type", "monthly", "--period", "2036-04").exitCode()).isZero();

    assertThat(postgres()).as("March: 1.00 + n1's 30.00 at 0.125, commission rounded to cents")
        .contains(P1 + "|" + S1 + "|USD|31.000|3.880|0.1250|calculated|2036-03-31|null");
    assertThat(Rows.text(Stores.pg("SELECT currency, revenue_amount, commission_amount FROM partner_revenue"
        + " WHERE period_type = 'monthly' AND period_start = '2036-04-01' AND shop_id = ?::uuid", S1)))
        .as("April: i5 only").containsExactly("USD|50.000|6.250");
  }

  @Test
  void quarterlyPeriodCoversItsThreeMonths() {
    assertThat(Cli.run("partner-revenue", "--period-type", "quarterly", "--period", "2036-Q1").exitCode()).isZero();

    assertThat(Rows.text(Stores.pg("SELECT shop_id::text, currency, revenue_amount, commission_amount, period_start::text,"
        + " period_end::text FROM partner_revenue WHERE period_type = 'quarterly' AND shop_id = ?::uuid ORDER BY currency", S4)))
        .containsExactly(S4 + "|USD|50.000|7.500|2036-01-01|2036-03-31");
  }

  static List<String> postgres() {
    return Rows.text(Stores.pg("SELECT partner_id::text, shop_id::text, currency, revenue_amount, commission_amount,"
        + " commission_rate, status, period_end::text, payment_reference FROM partner_revenue"
        + " WHERE period_type = 'monthly' AND period_start = '2036-03-01' ORDER BY partner_id, shop_id, currency"));
  }

  static List<String> clickHouse() {
    return Rows.text(Stores.ch("SELECT partner_id, shop_id, currency, revenue_amount, commission_amount,"
        + " commission_rate, status, toString(period_end), payment_reference FROM partner_revenue FINAL"
        + " WHERE period_type = 'monthly' AND period_start = '2036-03-01' ORDER BY partner_id, shop_id, currency"));
  }
}
