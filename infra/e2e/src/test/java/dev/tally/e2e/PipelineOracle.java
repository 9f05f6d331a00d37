package dev.tally.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.e2e.truth.CohortTruth;
import dev.tally.e2e.truth.GeneratedEvents;
import dev.tally.e2e.truth.PartnerTruth;
import dev.tally.e2e.truth.StreamTruth;
import dev.tally.e2e.truth.Truth;
import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.db.DataSources;
import dev.tally.schemas.event.AnalyticsEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * What the pipeline left in PostgreSQL and ClickHouse for one generated run, against what the
 * {@code truth} package computes from the generator's NDJSON file alone: every nightly rollup in
 * both stores, partner revenue, and the stream's minutes summed per day. Each check fails with the
 * differing rows.
 */
final class PipelineOracle {

  private static final TallySettings SETTINGS = TallySettings.load();
  private static final DataSource POSTGRES = DataSources.postgres(SETTINGS);
  private static final DataSource CLICKHOUSE = DataSources.clickhouseWriter(SETTINGS);

  private final List<AnalyticsEvent> events;
  /** How many times each {@code organization_id/event_id} was sent. */
  private final Map<String, Integer> copies;
  /** The events of the days the nightly jobs ran for ({@code first} to {@code last}): a generated session may run past midnight into today. */
  private final List<AnalyticsEvent> nightly;
  private final Set<String> organizationIds;
  /** {@link #organizationIds} as a SQL list of strings */
  private final String organizations;
  private final LocalDate first;
  private final LocalDate last;
  private final Path partnersCsv;
  private final Path linksCsv;

  /**
   * @param ndjson the generator's file of every event it sent
   * @param first first day the nightly jobs ran for, {@code last} the last
   * @param partnersCsv the partners imported ({@code infra/tally partners import}), {@code linksCsv} their links
   */
  PipelineOracle(Path ndjson, LocalDate first, LocalDate last, Path partnersCsv, Path linksCsv) throws IOException {
    this.events = GeneratedEvents.read(ndjson);
    this.copies = GeneratedEvents.copies(ndjson);
    assertThat(events).as("generated events").hasSizeGreaterThan(500);
    this.organizationIds = events.stream().map(AnalyticsEvent::getOrganizationId).collect(Collectors.toCollection(TreeSet::new));
    this.organizations = organizationIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
    this.first = first;
    this.last = last;
    this.nightly = events.stream().filter(e -> {
      LocalDate day = e.getOccurredAt().atOffset(ZoneOffset.UTC).toLocalDate();
      return !day.isBefore(first) && !day.isAfter(last);
    }).toList();
    this.partnersCsv = partnersCsv;
    this.linksCsv = linksCsv;
  }

  /** Every check, in order. */
  void allEqual() throws Exception {
    dailyMetrics();
    agentMetrics();
    revenueAnalytics();
    cohortAnalytics();
    partnerRevenue();
    streamMinutesSummedPerDay();
  }

  void dailyMetrics() throws SQLException {
    rollupEqual(Truth.dailyMetrics(nightly), "daily_metrics", "organization_id, date", "total_messages,"
        + " total_conversations, total_tokens, unique_users, avg_response_time, agent_count, workflow_executions",
        "organization_id, date");
  }

  void agentMetrics() throws SQLException {
    rollupEqual(Truth.agentMetrics(nightly), "agent_metrics", "organization_id, agent_id, date", "conversation_count,"
        + " message_count, avg_response_time, total_tokens, error_count, satisfaction_score",
        "organization_id, agent_id, date");
  }

  void revenueAnalytics() throws SQLException {
    rollupEqual(Truth.revenueAnalytics(nightly), "revenue_analytics", "organization_id, date, currency",
        "gross_revenue_cents, net_revenue_cents, orders_count, average_order_value_cents, returns_count,"
        + " returns_amount_cents, discounts_amount_cents, shipping_amount_cents, tax_amount_cents, refunds_amount_cents",
        "organization_id, date, currency");
  }

  void cohortAnalytics() throws SQLException {
    List<String> truth = CohortTruth.rows(events, first, last, "USD");
    assertThat(truth).as("cohort rows of the truth").isNotEmpty();
    rollupEqual(truth, "cohort_analytics", "organization_id, cohort_date, period_number, period_type",
        "user_count, active_user_count, retention_rate, currency, revenue_cents, average_revenue_per_user",
        "organization_id, period_type, cohort_date, period_number");
  }

  /**
   * A rollup's rows for the run's organizations, in PostgreSQL and in its ClickHouse copy ({@code FINAL}),
   * both equal the truth in order: {@code keys} first (ids and dates as text), then {@code columns}.
   */
  private void rollupEqual(List<String> truth, String table, String keys, String columns, String orderBy)
      throws SQLException {
    String postgresKeys = Arrays.stream(keys.split(", "))
        .map(k -> k.equals("organization_id") || k.endsWith("date") ? k + "::text" : k).collect(Collectors.joining(", "));
    String clickHouseKeys = Arrays.stream(keys.split(", "))
        .map(k -> k.endsWith("date") ? "toString(" + k + ")" : k).collect(Collectors.joining(", "));
    bothStoresEqual(truth,
        "SELECT " + postgresKeys + ", " + columns + " FROM " + table
        + " WHERE organization_id::text IN (" + organizations + ") ORDER BY " + orderBy,
        "SELECT " + clickHouseKeys + ", " + columns + " FROM " + table + " FINAL"
        + " WHERE organization_id IN (" + organizations + ") ORDER BY " + orderBy);
  }

  void partnerRevenue() throws Exception {
    Set<PartnerTruth.Period> periods = new LinkedHashSet<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      periods.add(PartnerTruth.Period.month(day));
      periods.add(PartnerTruth.Period.quarter(day));
    }
    for (PartnerTruth.Period period : periods) {
      Launcher.Result run = Launcher.run(5, "batch", "partner-revenue", "--period-type", period.type(),
          "--period", period.label());
      assertThat(run.exitCode()).as(run.output()).isZero();
    }
    List<String> truth = PartnerTruth.rows(events, PartnerTruth.partners(partnersCsv), PartnerTruth.links(linksCsv),
        List.copyOf(periods));
    assertThat(truth).as("partner rows of the truth").isNotEmpty();
    String inPeriods = periods.stream().map(p -> "'" + p.type() + "|" + p.start() + "'").collect(Collectors.joining(", "));
    String columns = "currency, revenue_amount, commission_amount, commission_rate, period_type, period_start, period_end, status";
    List<String> postgres = rows(POSTGRES, "SELECT partner_id::text, shop_id::text, " + columns.replace("period_start",
        "period_start::text").replace("period_end", "period_end::text") + " FROM partner_revenue"
        + " WHERE shop_id::text IN (" + organizations + ") AND period_type || '|' || period_start IN (" + inPeriods + ")");
    List<String> clickHouse = rows(CLICKHOUSE, "SELECT partner_id, shop_id, currency, toString(revenue_amount),"
        + " toString(commission_amount), toString(commission_rate), period_type, toString(period_start),"
        + " toString(period_end), status FROM partner_revenue FINAL WHERE shop_id IN (" + organizations + ")"
        + " AND concat(period_type, '|', toString(period_start)) IN (" + inPeriods + ")");
    postgres.sort(null);
    clickHouse.sort(null);
    assertThat(postgres).as("PostgreSQL").containsExactlyElementsOf(truth);
    assertThat(clickHouse).as("ClickHouse").containsExactlyElementsOf(truth);
  }

  /**
   * The stream's minutes summed per day, against the truth less the events the stream reported too
   * late (on the late topic, each of them a generated event): nothing lost, nothing counted twice.
   */
  void streamMinutesSummedPerDay() throws Exception {
    Set<String> tooLate = LateTopic.countedNowhere(SETTINGS, copies);
    Set<String> generated = events.stream().map(e -> e.getOrganizationId() + "/" + e.getEventId())
        .collect(Collectors.toSet());
    Set<String> ours = tooLate.stream().filter(k -> organizationIds.contains(k.substring(0, k.indexOf('/'))))
        .collect(Collectors.toSet());
    assertThat(generated).as("events the stream reported too late").containsAll(ours);
    List<String> truth = StreamTruth.dailyTotals(events, ours);
    String where = " WHERE organization_id IN (" + organizations + ")";
    String day = "toString(toDate(minute, 'UTC'))";
    String sql = "SELECT organization_id, " + day + ", 'events', toString(sum(events_count)) FROM metrics_minute FINAL"
        + where + " GROUP BY organization_id, " + day
        + " UNION ALL SELECT organization_id, " + day + ", 'messages', toString(sum(messages_count)) FROM metrics_minute FINAL"
        + where + " GROUP BY organization_id, " + day
        + " UNION ALL SELECT organization_id, " + day + ", 'tokens', toString(sum(total_tokens)) FROM metrics_minute FINAL"
        + where + " GROUP BY organization_id, " + day
        + " UNION ALL SELECT organization_id, " + day + ", concat('type:', t), toString(sum(c)) FROM metrics_minute FINAL"
        + " ARRAY JOIN event_types AS t, event_type_counts AS c" + where + " GROUP BY organization_id, " + day + ", t"
        + " UNION ALL SELECT organization_id, " + day + ", concat('revenue:', cur), toString(sum(net)) FROM metrics_minute FINAL"
        + " ARRAY JOIN revenue_currencies AS cur, net_revenue_minor AS net" + where + " GROUP BY organization_id, " + day + ", cur";
    // the last minutes are written within seconds of the stream reading them; wait for them
    List<String> minutes = List.of();
    for (long deadline = System.nanoTime() + 120_000_000_000L; System.nanoTime() < deadline; Thread.sleep(1_000)) {
      minutes = new ArrayList<>(rows(CLICKHOUSE, sql));
      minutes.sort(null);
      if (minutes.equals(truth)) {
        break;
      }
    }
    assertThat(minutes).as("metrics_minute summed per day").containsExactlyElementsOf(truth);
  }

  /** PostgreSQL's rows and their ClickHouse copy both equal the truth, in order. */
  private void bothStoresEqual(List<String> truth, String postgresSql, String clickHouseSql) throws SQLException {
    assertThat(rows(POSTGRES, postgresSql)).as("PostgreSQL").containsExactlyElementsOf(truth);
    assertThat(rows(CLICKHOUSE, clickHouseSql)).as("ClickHouse").containsExactlyElementsOf(truth);
  }

  private List<String> rows(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql);
        ResultSet rs = st.executeQuery()) {
      List<String> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(String.valueOf(rs.getString(i)));
        }
        rows.add(String.join("|", values));
      }
      return rows;
    }
  }
}
