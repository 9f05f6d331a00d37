package dev.tally.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What keeps finance from paying twice, against the real PostgreSQL and ClickHouse (year 2043):
 * paid statements are final in the database itself, overlapping approvals are serialized per
 * partner, and a dispute resolved after a later period was approved counts each event once.
 */
class FinanceGuardsIT {

  /** Partners K (paid rows), L (overlapping approvals), M (dispute); one shop each. */
  static final Map<String, String> PARTNERS = Map.of("K", "f1000000-0000-0000-0000-000000043001",
      "L", "f1000000-0000-0000-0000-000000043002", "M", "f1000000-0000-0000-0000-000000043003");
  static final Map<String, String> SHOPS = Map.of("K", "5b000000-0000-0000-0000-000000043001",
      "L", "5b000000-0000-0000-0000-000000043002", "M", "5b000000-0000-0000-0000-000000043003");

  @TempDir
  static Path tmp;

  static Path out;

  @BeforeAll
  static void givenThreePartnersWithAShopEach() throws IOException {
    Stores.clearYear(2043);
    Stores.forgetPartners(PARTNERS.values());
    out = tmp.resolve("statements");
    Cli.importPartners("id,name,type,commission_rate\n" + PARTNERS.entrySet().stream()
            .map(p -> p.getValue() + ",Partner " + p.getKey() + ",reseller,0.1000\n").reduce("", String::concat),
        "shop_id,partner_id,activated_at\n" + PARTNERS.keySet().stream()
            .map(p -> SHOPS.get(p) + "," + PARTNERS.get(p) + ",2042-12-01\n").reduce("", String::concat));
    Stores.load(
        paid("K", "k1", "2043-01-10T00:00:00Z", 10000),
        paid("L", "l1", "2043-01-10T00:00:00Z", 10000),
        paid("L", "l2", "2043-02-10T00:00:00Z", 20000),
        paid("L", "l3", "2043-03-10T00:00:00Z", 30000),
        paid("M", "m1", "2043-01-10T00:00:00Z", 10000),
        paid("M", "m3", "2043-02-05T00:00:00Z", 3000),
        paid("M", "m4", "2043-03-03T00:00:00Z", 1000));
  }

  @Test
  void aPaidStatementCannotChangeInTheDatabaseWhateverWritesIt() {
    generate("monthly", "2043-01");
    assertThat(move("approve", "K", "2043-01").exitCode()).isZero();
    assertThat(move("mark-paid", "K", "2043-01", "--reference", "PAY-K", "--paid-on", "2043-02-10").exitCode()).isZero();
    String k = PARTNERS.get("K");

    assertThatThrownBy(() -> Stores.PG.update("UPDATE partner_revenue SET commission_amount = commission_amount + 1"
        + " WHERE status = 'paid' AND partner_id = ?::uuid", k)).hasMessageContaining("is paid: it cannot change");
    assertThatThrownBy(() -> Stores.PG.update("UPDATE partner_revenue SET status = 'calculated'"
        + " WHERE partner_id = ?::uuid", k)).hasMessageContaining("is paid: it cannot change");
    assertThatThrownBy(() -> Stores.PG.update("DELETE FROM partner_revenue WHERE partner_id = ?::uuid", k))
        .hasMessageContaining("is paid: it cannot be deleted");
    assertThatThrownBy(() -> Stores.PG.update("UPDATE partner_revenue_lines SET commission_amount = 0"
        + " WHERE partner_revenue_id IN (SELECT id FROM partner_revenue WHERE partner_id = ?::uuid)", k))
        .hasMessageContaining("are paid: they cannot change");
    assertThat(Rows.text(Stores.pg("SELECT revenue_amount, commission_amount, status FROM partner_revenue"
        + " WHERE partner_id = ?::uuid", k))).containsExactly("100.000|10.000|paid");
    generate("monthly", "2043-01"); // a rerun of the period leaves the paid row alone, as before
    assertThat(Rows.text(Stores.pg("SELECT revenue_amount, commission_amount, status FROM partner_revenue"
        + " WHERE partner_id = ?::uuid", k))).containsExactly("100.000|10.000|paid");
  }

  /**
   * Each round, a transaction of the test holds the rows of both statements, so that both approvals
   * get past their own period's lock and wait there together; released, they race to check that the
   * other is not approved. Without the partner's lock both checks passed.
   */
  @Test
  void approvingAMonthAndItsQuarterAtOnceNeverApprovesBoth() throws Exception {
    generate("monthly", "2043-01");
    generate("quarterly", "2043-Q1");
    String l = PARTNERS.get("L");
    for (int round = 1; round <= 20; round++) {
      Cli.Result month;
      Cli.Result quarter;
      try (Connection holder = Stores.PG.getDataSource().getConnection()) {
        holder.setAutoCommit(false);
        try (Statement s = holder.createStatement()) {
          s.executeQuery("SELECT id FROM partner_revenue WHERE partner_id = '" + l + "' FOR UPDATE").close();
        }
        CompletableFuture<Cli.Result> monthly = CompletableFuture.supplyAsync(() -> move("approve", "L", "2043-01"));
        CompletableFuture<Cli.Result> quarterly = CompletableFuture.supplyAsync(() -> move("approve", "L", "2043-Q1",
            "--period-type", "quarterly"));
        awaitWaitingSessions(2);
        holder.rollback();
        month = monthly.get(60, TimeUnit.SECONDS);
        quarter = quarterly.get(60, TimeUnit.SECONDS);
      }
      assertThat(List.of(month.exitCode(), quarter.exitCode())).as("round %d: %s / %s", round, month.err(), quarter.err())
          .containsExactlyInAnyOrder(0, 2);
      Cli.Result refused = month.exitCode() == 2 ? month : quarter;
      assertThat(refused.err()).contains("approving both would pay the same revenue twice");
      // back to calculated for the next round
      String[] approved = month.exitCode() == 0 ? new String[] {"2043-01"} : new String[] {"2043-Q1", "--period-type",
          "quarterly"};
      assertThat(move("dispute", "L", approved[0], rest(approved, "--reason", "round " + round)).exitCode()).isZero();
      assertThat(move("resolve", "L", approved[0], rest(approved)).exitCode()).isZero();
    }
    assertThat(Rows.text(Stores.pg("SELECT count(*) FROM partner_revenue WHERE partner_id = ?::uuid"
        + " AND status <> 'calculated'", l))).containsExactly("0");
  }

  /**
   * January is approved; a January payment arrives late and February takes it as an adjustment;
   * January is disputed, February approved, January resolved and computed again with every event.
   * January takes the late payment off again (February paid it), so over the two statements every
   * event counts once, and March, computed after January is approved again, adjusts nothing.
   */
  @Test
  void aDisputeResolvedAfterALaterApprovalCountsEachEventOnce() throws IOException {
    generate("monthly", "2043-01");
    assertThat(move("approve", "M", "2043-01").exitCode()).isZero();
    Stores.load(paid("M", "m2", "2043-01-20T00:00:00Z", 5000));
    generate("monthly", "2043-02");
    assertThat(statement("M", "2043-02")).containsExactly(
        "revenue|2043-02|30.00|3.00",
        "adjustment|2043-01|50.00|5.00",
        "total||80.00|8.00");
    assertThat(move("dispute", "M", "2043-01", "--reason", "checking a shop").exitCode()).isZero();
    assertThat(move("approve", "M", "2043-02").exitCode()).isZero();
    assertThat(move("resolve", "M", "2043-01").exitCode()).isZero();

    generate("monthly", "2043-01");

    assertThat(statement("M", "2043-01")).containsExactly(
        "revenue|2043-01|150.00|15.00",
        "adjusted_later|2043-02|-50.00|-5.00",
        "total||100.00|10.00");
    assertThat(move("approve", "M", "2043-01").exitCode()).isZero();
    generate("monthly", "2043-03");
    assertThat(statement("M", "2043-03")).containsExactly(
        "revenue|2043-03|10.00|1.00",
        "total||10.00|1.00");
  }

  // --- helpers

  static Event paid(String partner, String id, String at, long amountMinor) {
    return Event.of(SHOPS.get(partner), id + "-2043", "invoice_paid", at).invoice("sale", amountMinor, "USD", "inv-" + id);
  }

  static void generate(String type, String period) {
    Cli.generateStatements(out, type, period);
  }

  static Cli.Result move(String command, String partner, String period, String... more) {
    return Cli.moveStatement(command, PARTNERS.get(partner), period, more);
  }


  /** The arguments after the first, then {@code more}. */
  static String[] rest(String[] args, String... more) {
    List<String> all = new ArrayList<>(List.of(args).subList(1, args.length));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /** The partner's statement lines: line, source period, revenue, commission. */
  static List<String> statement(String partner, String period) throws IOException {
    List<String> lines = new ArrayList<>();
    for (CSVRecord r : PartnerStatementsIT.records(out.resolve(period).resolve(PARTNERS.get(partner) + ".csv"))) {
      lines.add(String.join("|", r.get("line"), r.get("source_period"), r.get("revenue"), r.get("commission")));
    }
    return lines;
  }

  static void awaitWaitingSessions(int sessions) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (Stores.PG.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        + " AND wait_event_type = 'Lock'", Long.class) < sessions) {
      assertThat(System.nanoTime()).as("%d sessions waiting for a lock within 30 s", sessions).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
