package dev.tally.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** reconcile against the real stores: the stream's metrics_minute against the batch rollups of one day. */
class ReconcileIT {

  static final String X = "a0000000-0000-0000-0000-000000002038";
  static final String Y = "b0000000-0000-0000-0000-000000002038";

  @BeforeEach
  void givenStreamAndBatchTotals() {
    Stores.clearYear(2038);
    Stores.CH.deleteAndWait("metrics_minute", "toYear(minute) = 2038", Map.of());
    Stores.PG.update("DELETE FROM reconciliation_drift WHERE extract(year FROM date) = 2038");
    Stores.load(
        Event.of(X, "m1", "message_sent", "2038-03-03T10:00:01.000Z").user("u1").tokens(10),
        Event.of(X, "m2", "message_sent", "2038-03-03T10:00:02.000Z").user("u1").tokens(10),
        Event.of(X, "s1", "order_completed", "2038-03-03T10:00:03.000Z").user("u1").sale(1000, "USD", "o1", 0, 0, 0));
    String columns = "organization_id, minute, events_count, event_types, event_type_counts, active_users, messages_count,"
        + " total_tokens, response_time_count, response_time_sum_ms, p95_response_time_ms, revenue_currencies,"
        + " net_revenue_minor, version";
    Stores.CH.execute("INSERT INTO metrics_minute (" + columns + ") VALUES"
        + " ('" + X + "', '2038-03-03 10:00:00', 3, ['message_sent'], [2], 1, 2, 20, 0, 0, 0, ['USD'], [1000], 1),"
        + " ('" + X + "', '2038-03-03 10:00:00', 4, ['message_sent'], [3], 1, 3, 20, 0, 0, 0, ['USD', 'EUR'], [1000, 500], 2),"
        + " ('" + Y + "', '2038-03-03 23:59:00', 5, ['message_sent'], [5], 1, 5, 0, 0, 0, 0, [], [], 1),"
        + " ('" + Y + "', '2038-03-04 00:00:00', 7, ['message_sent'], [7], 1, 7, 0, 0, 0, 0, [], [], 1)", Map.of());
    assertThat(Cli.run("daily-metrics", "--date", "2038-03-03").exitCode()).isZero();
    assertThat(Cli.run("revenue-analytics", "--date", "2038-03-03").exitCode()).isZero();
  }

  @Test
  void everyDifferenceIsARowAndTheRerunReplacesThem() {
    Cli.Result result = Cli.run("reconcile", "--date", "2038-03-03");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).containsPattern("reconcile-compare: COMPLETED in \\d+ ms, read 3, written 3");
    String drift = "SELECT organization_id::text, measure, stream_value, batch_value, drift FROM reconciliation_drift"
        + " WHERE date = '2038-03-03' ORDER BY organization_id, measure";
    assertThat(Rows.text(Stores.pg(drift))).containsExactly(
        X + "|net_revenue_minor:EUR|500|0|500",
        X + "|total_messages|3|2|1",
        Y + "|total_messages|5|0|5");

    Stores.CH.execute("INSERT INTO metrics_minute (organization_id, minute, events_count, event_types, event_type_counts,"
        + " active_users, messages_count, total_tokens, response_time_count, response_time_sum_ms, p95_response_time_ms,"
        + " revenue_currencies, net_revenue_minor, version) VALUES ('" + X + "', '2038-03-03 10:00:00', 3, ['message_sent'],"
        + " [2], 1, 2, 20, 0, 0, 0, ['USD'], [1000], 3)", Map.of());
    assertThat(Cli.run("reconcile", "--date", "2038-03-03").exitCode()).isZero();

    assertThat(Rows.text(Stores.pg(drift))).as("the stream caught up for X").containsExactly(Y + "|total_messages|5|0|5");
  }
}
