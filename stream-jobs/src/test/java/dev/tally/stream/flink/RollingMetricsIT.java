package dev.tally.stream.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.stream.config.StreamSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crafted event set through the whole job (real Kafka, ClickHouse, PostgreSQL; Flink MiniCluster),
 * with hand-computed expectations: duplicates, out-of-order events, a late event within the allowed
 * lateness (1 h), events too late (late topic), sessions. Parallelism 1 and one partition, so the
 * order of events and watermarks, and with it what is late, is the order they were sent in.
 */
class RollingMetricsIT {

  static final String A = UUID.randomUUID().toString();
  static final String B = UUID.randomUUID().toString();

  @TempDir
  static Path checkpoints;
  static StreamStores stores;

  @BeforeAll
  static void runTheJobOverTheCraftedEvents() throws Exception {
    stores = new StreamStores("crafted", 1, 1, checkpoints.toString());
    List<AnalyticsEvent> sent = CraftedEvents.of(A, B);
    stores.send(sent);
    StreamSettings settings = CraftedEvents.settings(stores.settings);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, StreamJob.configuration(settings));
    new StreamJob(settings, true).run(env);
  }

  @AfterAll
  static void dropTopics() throws Exception {
    stores.deleteTopics();
  }

  private static List<List<String>> minute(String organization, String minute) throws Exception {
    return stores.clickhouse("SELECT events_count, arrayStringConcat(arrayMap((t, c) -> concat(t, '=', toString(c)),"
        + " event_types, event_type_counts), ','), active_users, messages_count, total_tokens, response_time_count,"
        + " response_time_sum_ms, arrayStringConcat(arrayMap((c, n) -> concat(c, '=', toString(n)), revenue_currencies,"
        + " net_revenue_minor), ','), version, p95_response_time_ms FROM metrics_minute FINAL WHERE organization_id = '"
        + organization + "' AND minute = toDateTime('" + minute + "')");
  }

  @Test
  void eachMinuteCountsEveryDistinctEventOnceIncludingTheLateOneWithinLateness() throws Exception {
    List<String> m1000 = minute(A, "2042-03-01 10:00:00").get(0);
    assertThat(m1000.subList(0, 9)).containsExactly("5", "message_sent=3,order_completed=1,page_viewed=1", "3", "3",
        "155", "3", "900", "USD=1999", "5");
    // p95 is the value at rank floor(0.95 * (n - 1)) of the sorted times (DDSketch's), within 1 %:
    // 200, 300, 400 -> rank 1 -> 300
    assertThat(Double.parseDouble(m1000.get(9))).isCloseTo(300, within(3.0));
    assertThat(minute(A, "2042-03-01 10:01:00").get(0).subList(0, 9))
        .containsExactly("1", "order_refunded=1", "1", "0", "0", "0", "0", "USD=-500", "1");
    assertThat(minute(A, "2042-03-01 10:03:00").get(0).subList(0, 9))
        .containsExactly("1", "message_sent=1", "1", "1", "10", "1", "1000", "", "1");
    assertThat(minute(A, "2042-03-01 10:09:00").get(0).subList(0, 9))
        .containsExactly("1", "order_completed=1", "0", "0", "0", "0", "0", "EUR=700", "1");
    assertThat(minute(A, "2042-03-01 11:10:00").get(0).subList(0, 9))
        .containsExactly("1", "page_viewed=1", "1", "0", "0", "0", "0", "", "1");
    assertThat(minute(B, "2042-03-01 10:00:00").get(0).subList(0, 9))
        .containsExactly("2", "page_viewed=2", "0", "0", "0", "0", "0", "", "2");
    assertThat(minute(A, "2042-03-01 10:05:00")).as("a9 came too late: its minute was never written").isEmpty();
  }

  @Test
  void aLateEventRewritesItsMinuteWithAHigherVersion() throws Exception {
    // version = events in the pane: 4 when the minute closed, 5 after a7; earlier versions may have
    // been written while it was open (every TALLY_STREAM_MINUTE_UPDATE_MILLIS)
    List<List<String>> versions = stores.clickhouse("SELECT DISTINCT version, events_count FROM metrics_minute"
        + " WHERE organization_id = '" + A + "' AND minute = toDateTime('2042-03-01 10:00:00') ORDER BY version");
    assertThat(versions).contains(List.of("4", "4"), List.of("5", "5"));
    assertThat(versions.get(versions.size() - 1)).containsExactly("5", "5");
    assertThat(versions).allSatisfy(row -> assertThat(row.get(0)).isEqualTo(row.get(1)));
  }

  @Test
  void tooLateEventsAreKeptOnTheLateTopic() {
    List<String> late = stores.lateMessages();
    assertThat(late).hasSize(2).allSatisfy(m -> assertThat(m).contains("\"late_for\":\"minute\"",
        "\"organization_id\":\"" + A + "\"", "\"watermark\":\"2042-03-01T11:09:54.999Z\""));
    assertThat(late).filteredOn(m -> m.contains("\"event_id\":\"a9\"")).singleElement().asString()
        .contains("\"occurred_at\":\"2042-03-01T10:05:00Z\"");
    // a3 was counted when it first came; its retry past the horizon cannot be judged, so it is reported, not counted
    assertThat(late).filteredOn(m -> m.contains("\"event_id\":\"a3\"")).hasSize(1);
  }

  @Test
  void rollingWindowsEndAfterTheInputsNewestMinuteAndMergeItsPanes() throws Exception {
    List<List<String>> rows = stores.postgres("SELECT window_name, to_char(window_start AT TIME ZONE 'UTC', 'HH24:MI'),"
        + " to_char(window_end AT TIME ZONE 'UTC', 'HH24:MI'), events_count, events_by_type::text, active_users,"
        + " messages_count, total_tokens, avg_response_time_ms, net_revenue_minor::text, p95_response_time_ms"
        + " FROM rolling_metrics WHERE organization_id = '" + A + "' ORDER BY window_end - window_start");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).subList(0, 10)).containsExactly("5m", "11:06", "11:11", "1", "{\"page_viewed\": 1}", "1", "0", "0",
        null, "{}");
    assertThat(rows.get(1).subList(0, 10)).containsExactly("1h", "10:11", "11:11", "1", "{\"page_viewed\": 1}", "1", "0", "0",
        null, "{}");
    assertThat(rows.get(2).subList(0, 10)).containsExactly("24h", "11:11", "11:11", "9",
        "{\"page_viewed\": 2, \"message_sent\": 4, \"order_refunded\": 1, \"order_completed\": 2}", "4", "4", "165",
        "475", "{\"EUR\": 700, \"USD\": 1499}");
    // 200, 300, 400, 1000 -> rank floor(0.95 * 3) = 2 -> 400
    assertThat(Double.parseDouble(rows.get(2).get(10))).isCloseTo(400, within(4.0));
    assertThat(stores.postgres("SELECT window_name, to_char(window_end AT TIME ZONE 'UTC', 'HH24:MI'), events_count"
        + " FROM rolling_metrics WHERE organization_id = '" + B + "' ORDER BY window_end - window_start"))
        // B's events stop at 10:45, but the input goes on to 11:10 (A's events): B's windows end with
        // the input's newest minute too, like A's
        .containsExactly(List.of("5m", "11:11", "0"), List.of("1h", "11:11", "1"), List.of("24h", "11:11", "3"));
  }

  @Test
  void sessionsEndAfterThirtyMinutesOfInactivity() throws Exception {
    assertThat(stores.postgres("SELECT coalesce(user_id, anonymous_id), to_char(started_at, 'HH24:MI:SS'),"
        + " to_char(ended_at, 'HH24:MI:SS'), duration_seconds, page_views_count, events_count, is_bounce,"
        + " conversion_value, has_conversion, coalesce(host(ip_address), '-') FROM user_sessions WHERE organization_id IN ('" + A + "', '" + B
        + "') ORDER BY organization_id = '" + B + "', 1, 2"))
        .containsExactly(
            List.of("u1", "10:00:05", "10:01:10", "65", "0", "3", "f", "19.99", "t", "-"),
            List.of("u1", "11:10:00", "11:10:00", "0", "1", "1", "t", "0.00", "f", "-"),
            List.of("u2", "10:00:20", "10:00:20", "0", "0", "1", "t", "0.00", "f", "-"),
            List.of("u3", "10:03:00", "10:03:00", "0", "0", "1", "t", "0.00", "f", "-"),
            List.of("u4", "10:00:30", "10:00:30", "0", "0", "1", "t", "0.00", "f", "-"),
            List.of("x1", "10:00:03", "10:00:03", "0", "1", "1", "t", "0.00", "f", "192.0.2.7"),
            List.of("y1", "10:00:10", "10:00:40", "30", "2", "2", "f", "0.00", "f", "-"),
            List.of("y1", "10:45:00", "10:45:00", "0", "1", "1", "t", "0.00", "f", "-"));
  }

  @Test
  void theLoaderWritesEveryEventAndReplacingMergeTreeFoldsTheRetries() throws Exception {
    assertThat(stores.clickhouse("SELECT count(), uniqExact(organization_id, event_id) FROM events WHERE organization_id IN ('"
        + A + "', '" + B + "')")).containsExactly(List.of("15", "13"));
    assertThat(stores.clickhouse("SELECT count() FROM events FINAL WHERE organization_id IN ('" + A + "', '" + B + "')"))
        .containsExactly(List.of("13"));
    assertThat(stores.clickhouse("SELECT event_type, revenue_kind, revenue_amount_minor, revenue_currency, user_id,"
        + " occurred_at_ms % 1000, toString(occurred_at), properties.key, properties.value FROM events FINAL"
        + " WHERE organization_id = '" + A + "' AND event_id = 'a3'"))
        .containsExactly(List.of("order_completed", "sale", "1999", "USD", "u1", "0", "2042-03-01 10:00:50", "['path']",
            "['\"/\"']"));
  }
}
