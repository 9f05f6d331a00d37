package dev.tally.batch.partner;

import dev.tally.batch.config.BatchSettings;
import dev.tally.batch.store.ClickHouse;
import dev.tally.batch.store.ClickHouseMirror;
import dev.tally.batch.store.JobSteps;
import dev.tally.schemas.db.SqlResource;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import java.time.ZoneId;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code partner-revenue --period-type T --period P}: partner_revenue for one period. Steps: refuse a
 * period whose raw events the retention job dropped in part ({@link DroppedMonths}); delete
 * the period's rows that are still {@code calculated}; for each active shop-partner link (PostgreSQL,
 * ordered by partner and shop), sum the shop's eligible invoice payments per currency in ClickHouse
 * and compute the commission ({@link CommissionCalculator}); upsert, never touching rows already
 * approved, paid or disputed; copy the period's rows to ClickHouse.
 */
@Configuration
public class PartnerRevenueJob {

  public static final String NAME = "partner-revenue";

  @Bean(NAME)
  Job partnerRevenueJob(JobSteps steps, JdbcCursorItemReader<PartnerLink> partnerLinkReader,
      PartnerRevenueProcessor partnerRevenueProcessor, DataSource postgres, BatchSettings settings) {
    PartnerRevenueWriter partnerRevenueWriter = new PartnerRevenueWriter(postgres);
    return new JobBuilder(NAME, steps.repository())
        .start(steps.tasklet("partner-revenue-check", (contribution, context) -> {
          Map<String, Object> job = context.getStepContext().getJobParameters();
          DroppedMonths.check(new NamedParameterJdbcTemplate(postgres),
              period((String) job.get("period_type"), (String) job.get("period")), settings.zone());
          return RepeatStatus.FINISHED;
        }))
        .next(steps.postgres("partner-revenue-clear", sql("clear.sql"), PartnerRevenueJob::periodParameters))
        .next(steps.chunk("partner-revenue-load", partnerLinkReader, partnerRevenueProcessor,
            partnerRevenueWriter))
        .next(steps.mirror("partner-revenue-publish", mirror()))
        .build();
  }

  @Bean
  @StepScope
  JdbcCursorItemReader<PartnerLink> partnerLinkReader(DataSource postgres, BatchSettings settings,
      @Value("#{jobParameters['period_type']}") String type, @Value("#{jobParameters['period']}") String period) {
    RevenuePeriod p = period(type, period);
    return new JdbcCursorItemReaderBuilder<PartnerLink>().name("partner-links").dataSource(postgres)
        .sql(sql("partner-links.sql"))
        .queryArguments(java.sql.Timestamp.from(end(p, settings.zone())), java.sql.Timestamp.from(start(p, settings.zone())),
            p.type().label(), java.sql.Date.valueOf(p.start()))
        .rowMapper((rs, n) -> new PartnerLink(rs.getString("partner_id"), rs.getString("shop_id"),
            rs.getBigDecimal("custom_commission_rate"), rs.getBigDecimal("commission_rate"),
            rs.getTimestamp("activated_at").toInstant(),
            rs.getTimestamp("deleted_at") == null ? null : rs.getTimestamp("deleted_at").toInstant(),
            rs.getBoolean("active")))
        .build();
  }

  @Bean
  @StepScope
  PartnerRevenueProcessor partnerRevenueProcessor(ClickHouse clickHouse, DataSource postgres, BatchSettings settings,
      @Value("#{jobParameters['period_type']}") String type, @Value("#{jobParameters['period']}") String period) {
    RevenuePeriod p = period(type, period);
    NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(postgres);
    Set<String> frozen = new HashSet<>(jdbc.queryForList(sql("frozen-partners.sql"),
        Map.of("period_type", p.type().label(), "period_start", p.start()), String.class));
    String oldest = clickHouse.query(sql("oldest-raw-month.sql"), Map.of(), (rs, n) -> rs.getString("oldest")).get(0);
    LocalDate oldestRawDay = oldest == null || oldest.isBlank() ? null
        : LocalDate.of(Integer.parseInt(oldest.substring(0, 4)), Integer.parseInt(oldest.substring(4, 6)), 1);
    return new PartnerRevenueProcessor(clickHouse, jdbc, new PartnerRevenueProcessor.Queries(sql("shop-billing.sql"),
        sql("moved-adjustments.sql")), p, settings, frozen, closedPeriods(jdbc, p), oldestRawDay);
  }

  /**
   * Every partner's approved or paid periods before {@code p} with their shops' rows, and what later
   * approved or paid periods took from {@code p}: three queries per run.
   */
  private static ClosedPeriods closedPeriods(NamedParameterJdbcTemplate jdbc, RevenuePeriod p) {
    Map<String, Object> params = Map.of("period_type", p.type().label(), "period_start", p.start());
    ClosedPeriods closed = new ClosedPeriods();
    jdbc.query(sql("closed-periods.sql"), params, rs -> {
      closed.addPeriod(rs.getString("partner_id"), new RevenuePeriod(p.type(), rs.getDate("period_start").toLocalDate(),
          rs.getDate("period_end").toLocalDate()));
    });
    jdbc.query(sql("closed-lines.sql"), params, rs -> {
      closed.addLine(rs.getString("partner_id"), rs.getString("shop_id"), new ClosedLine(rs.getString("currency"),
          rs.getDate("period_start").toLocalDate(), rs.getDate("period_end").toLocalDate(),
          rs.getBigDecimal("commission_rate"), rs.getBoolean("rate_override"), rs.getBigDecimal("frozen_revenue"),
          rs.getBigDecimal("total_revenue"), rs.getBigDecimal("total_commission"), rs.getBigDecimal("moved_revenue"),
          rs.getBigDecimal("carried_revenue"), rs.getBigDecimal("carried_commission")));
    });
    jdbc.query(sql("adjusted-later.sql"), params, rs -> {
      closed.addAdjustedLater(rs.getString("partner_id"), rs.getString("shop_id"), rs.getString("currency"),
          new RevenuePeriod(p.type(), rs.getDate("period_start").toLocalDate(), rs.getDate("period_end").toLocalDate()),
          rs.getBigDecimal("commission_rate"), rs.getBoolean("rate_override"), rs.getBigDecimal("revenue"),
          rs.getBigDecimal("commission"));
    });
    return closed;
  }

  /** The copy of one period's partner_revenue rows to ClickHouse (also after each statement transition). */
  public static ClickHouseMirror mirror() {
    return new ClickHouseMirror("partner_revenue", sql("partner-revenue-select.sql"),
        "period_type = :period_type AND period_start = toDate(:period_start)", sql("partner-revenue-insert.sql"),
        PartnerRevenueJob::periodParameters);
  }

  /** The named parameters of one period: period_type, period_start, period_end. */
  public static Map<String, Object> parameters(RevenuePeriod p) {
    return Map.of("period_type", p.type().label(), "period_start", p.start(), "period_end", p.end());
  }

  static Map<String, Object> periodParameters(Map<String, Object> jobParameters) {
    return parameters(period((String) jobParameters.get("period_type"), (String) jobParameters.get("period")));
  }

  private static RevenuePeriod period(String type, String period) {
    return RevenuePeriod.parse(RevenuePeriod.Type.valueOf(type.toUpperCase(java.util.Locale.ROOT)), period);
  }

  private static Instant start(RevenuePeriod p, ZoneId zone) {
    return p.start().atStartOfDay(zone).toInstant();
  }

  private static Instant end(RevenuePeriod p, ZoneId zone) {
    return p.end().plusDays(1).atStartOfDay(zone).toInstant();
  }

  private static String sql(String name) {
    return SqlResource.read(PartnerRevenueJob.class, name);
  }
}
