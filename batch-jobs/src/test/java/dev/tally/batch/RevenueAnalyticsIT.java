package dev.tally.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** revenue-analytics against the real stores: hand-computed rows, and the seed's PL/pgSQL as a reference. */
class RevenueAnalyticsIT {

  static final String A = "a0000000-0000-0000-0000-000000002032";
  static final String B = "b0000000-0000-0000-0000-000000002032";
  static final String D = "d0000000-0000-0000-0000-000000002032";
  static final String E = "e0000000-0000-0000-0000-000000002032";

  @BeforeEach
  void clear() {
    Stores.clearYear(2032);
  }

  @Test
  void everyColumnWithDuplicatesRefundsAboveSalesJpyAndBhd() {
    Stores.load(
        Event.of(A, "s1", "order_completed", "2032-05-10T00:00:00.000Z").user("u1").sale(10000, "USD", "o1", 800, 500, 200),
        Event.of(A, "s1", "order_completed", "2032-05-10T00:00:00.000Z").user("u1").sale(10000, "USD", "o1", 800, 500, 200),
        Event.of(A, "s2", "order_completed", "2032-05-10T23:59:59.999Z").sale(5001, "USD", "o2", 400, 0, 0),
        Event.of(A, "r1", "order_refunded", "2032-05-10T15:00:00.000Z").refund(3000, "USD", "o1"),
        Event.of(A, "s3", "order_completed", "2032-05-11T00:00:00.000Z").sale(7777, "USD", "o3", 0, 0, 0),
        Event.of(A, "s4", "order_completed", "2032-05-09T23:59:59.999Z").sale(8888, "USD", "o4", 0, 0, 0),
        Event.of(A, "j1", "order_completed", "2032-05-10T01:00:00.000Z").sale(1500, "JPY", "j1", 0, 0, 0),
        Event.of(A, "j2", "order_completed", "2032-05-10T02:00:00.000Z").sale(2500, "JPY", "j2", 0, 0, 0),
        Event.of(A, "j3", "order_completed", "2032-05-10T03:00:00.000Z").sale(1000, "JPY", "j3", 0, 0, 0),
        Event.of(B, "b1", "order_completed", "2032-05-10T04:00:00.000Z").sale(1500, "BHD", "b1", 0, 0, 0),
        Event.of(B, "b2", "order_refunded", "2032-05-10T05:00:00.000Z").refund(2750, "BHD", "b0"),
        Event.of(B, "i1", "invoice_paid", "2032-05-10T06:00:00.000Z").invoice("sale", 9999, "USD", "inv1"));

    Cli.Result result = Cli.run("revenue-analytics", "--date", "2032-05-10");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> expected = List.of(
        // org, currency, gross, net, orders, aov, returns, returns amount, discounts, shipping, tax, refunds
        A + "|JPY|5000|5000|3|1667|0|0|0|0|0|0",
        A + "|USD|15001|12001|2|7500|1|3000|200|500|1200|3000",
        B + "|BHD|1500|-1250|1|1500|1|2750|0|0|0|2750",
        B + "|USD|9999|9999|0|0|0|0|0|0|0|0");
    assertThat(postgres("2032-05-10")).containsExactlyElementsOf(expected);
    assertThat(clickHouse("2032-05-10")).containsExactlyElementsOf(expected);

    assertThat(Cli.run("revenue-analytics", "--date", "2032-05-10").exitCode()).isZero();
    assertThat(postgres("2032-05-10")).as("second run").containsExactlyElementsOf(expected);
    assertThat(clickHouse("2032-05-10")).as("second run").containsExactlyElementsOf(expected);
    assertThat(Rows.text(Stores.ch("SELECT count() FROM revenue_analytics WHERE date = '2032-05-10'"))).containsExactly("4");
  }

  @Test
  void equalsTheSeedsCalculateDailyRevenueOverTheSameOrders() throws IOException {
    record Order(String org, String id, String currency, long total, long refund, long tax, long shipping, long discount,
        String at) {}
    List<Order> orders = List.of(
        new Order(D, "o1", "USD", 12345, 2345, 1000, 500, 100, "2032-06-01T00:00:00.000Z"),
        new Order(D, "o2", "USD", 6789, 0, 500, 0, 0, "2032-06-01T12:30:00.000Z"),
        new Order(D, "o3", "USD", 1001, 1001, 80, 0, 0, "2032-06-01T23:59:59.999Z"),
        new Order(D, "j1", "JPY", 3000, 0, 0, 0, 0, "2032-06-01T08:00:00.000Z"),
        new Order(D, "j2", "JPY", 4002, 2, 0, 0, 0, "2032-06-01T09:00:00.000Z"),
        new Order(E, "b1", "BHD", 1250, 250, 125, 0, 0, "2032-06-01T10:00:00.000Z"),
        new Order(E, "b2", "BHD", 3334, 0, 0, 300, 34, "2032-06-01T11:00:00.000Z"),
        new Order(E, "late", "BHD", 999, 0, 0, 0, 0, "2032-06-02T00:00:00.000Z"));
    List<Event> events = new ArrayList<>();
    try (InputStream seed = getClass().getResourceAsStream("/seed/calculate_daily_revenue.sql")) {
      Stores.PG.execute(new String(seed.readAllBytes(), StandardCharsets.UTF_8));
    }
    Stores.PG.update("DELETE FROM seed_reference.orders");
    Stores.PG.update("DELETE FROM seed_reference.revenue_analytics");
    for (Order o : orders) {
      events.add(Event.of(o.org(), "sale-" + o.id(), "order_completed", o.at())
          .sale(o.total(), o.currency(), o.id(), o.tax(), o.shipping(), o.discount()));
      events.add(Event.of(o.org(), "sale-" + o.id(), "order_completed", o.at())
          .sale(o.total(), o.currency(), o.id(), o.tax(), o.shipping(), o.discount()));
      if (o.refund() > 0) {
        events.add(Event.of(o.org(), "refund-" + o.id(), "order_refunded", o.at()).refund(o.refund(), o.currency(), o.id()));
      }
      Stores.PG.update("INSERT INTO seed_reference.orders VALUES (?::uuid, ?, ?, ?, ?, ?, ?, 'paid', ?)", o.org(),
          o.currency(), o.total(), o.refund(), o.discount(), o.shipping(), o.tax(),
          Timestamp.valueOf(Instant.parse(o.at()).atZone(java.time.ZoneOffset.UTC).toLocalDateTime()));
    }
    Stores.load(events);

    assertThat(Cli.run("revenue-analytics", "--date", "2032-06-01").exitCode()).isZero();
    Stores.PG.execute("SELECT seed_reference.calculate_daily_revenue('2032-06-01')");

    String columns = "organization_id::text, date::text, currency, gross_revenue_cents, net_revenue_cents, orders_count,"
        + " average_order_value_cents, returns_amount_cents, discounts_amount_cents, shipping_amount_cents,"
        + " tax_amount_cents, refunds_amount_cents";
    List<String> seed = Rows.text(Stores.pg("SELECT " + columns + " FROM seed_reference.revenue_analytics"
        + " WHERE date = '2032-06-01' ORDER BY organization_id, currency"));
    List<String> ours = Rows.text(Stores.pg("SELECT " + columns + " FROM revenue_analytics"
        + " WHERE date = '2032-06-01' ORDER BY organization_id, currency"));
    assertThat(seed).hasSize(3);
    assertThat(ours).isEqualTo(seed);
  }

  static List<String> postgres(String date) {
    return Rows.text(Stores.pg("SELECT organization_id::text, currency, gross_revenue_cents, net_revenue_cents,"
        + " orders_count, average_order_value_cents, returns_count, returns_amount_cents, discounts_amount_cents,"
        + " shipping_amount_cents, tax_amount_cents, refunds_amount_cents FROM revenue_analytics WHERE date = ?::date"
        + " ORDER BY organization_id, currency", date));
  }

  static List<String> clickHouse(String date) {
    return Rows.text(Stores.ch("SELECT organization_id, currency, gross_revenue_cents, net_revenue_cents,"
        + " orders_count, average_order_value_cents, returns_count, returns_amount_cents, discounts_amount_cents,"
        + " shipping_amount_cents, tax_amount_cents, refunds_amount_cents FROM revenue_analytics FINAL"
        + " WHERE date = '" + date + "' ORDER BY organization_id, currency"));
  }
}
