package dev.tally.batch.cohort;

import dev.tally.batch.config.BatchSettings;
import dev.tally.batch.store.AggregateReader;
import dev.tally.batch.store.ClickHouse;
import dev.tally.batch.store.ClickHouseMirror;
import dev.tally.batch.store.ClosedDays;
import dev.tally.batch.store.JobSteps;
import dev.tally.batch.store.ListWriter;
import dev.tally.schemas.db.SqlResource;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code cohort-analytics --date D}: for the day, ISO week and month containing D, every cohort's
 * row for that period as of the end of D. Steps: record D (and any earlier day
 * with events not yet recorded) into user_daily_activity; empty D's rows of the load table; read sign-up days
 * from ClickHouse, compute the cohorts ({@link CohortCalculator}) and upsert into cohort_analytics_load;
 * publish D's rows in PostgreSQL and ClickHouse ({@link JobSteps#publish}).
 */
@Configuration
public class CohortAnalyticsJob {

  public static final String NAME = "cohort-analytics";

  @Bean(NAME)
  Job cohortAnalyticsJob(JobSteps steps, ClickHouse clickHouse, ClosedDays closedDays, BatchSettings settings,
      AggregateReader<OrganizationSignups> cohortSignupsReader,
      CohortProcessor cohortProcessor) {
    ActivityRecorder recorder = new ActivityRecorder(clickHouse, closedDays, settings.zone(), settings.reportingCurrency());
    return new JobBuilder(NAME, steps.repository())
        .start(steps.tasklet("cohort-analytics-record", (contribution, context) -> {
          contribution.incrementWriteCount(recorder.record(date(context.getStepContext().getJobParameters())));
          return RepeatStatus.FINISHED;
        }))
        .next(steps.postgres("cohort-analytics-clear", "DELETE FROM cohort_analytics_load WHERE (" + sql("rows-of-day.sql")
            + ")", CohortAnalyticsJob::periodParameters))
        .next(steps.<OrganizationSignups, List<CohortRow>>chunk("cohort-analytics-load", cohortSignupsReader,
            cohortProcessor,
            new ListWriter<>(steps.<CohortRow>upsert(sql("cohort-analytics-upsert.sql")))))
        .next(steps.publish("cohort-analytics-publish", "cohort_analytics", "(" + sql("rows-of-day.sql") + ")",
            new ClickHouseMirror("cohort_analytics",
            sql("cohort-analytics-select.sql"),
            "(period_type = 'day' AND addDays(cohort_date, period_number) = toDate(:day))"
                + " OR (period_type = 'week' AND addWeeks(cohort_date, period_number) = toDate(:week_start))"
                + " OR (period_type = 'month' AND addMonths(cohort_date, period_number) = toDate(:month_start))",
            sql("cohort-analytics-insert.sql"), CohortAnalyticsJob::periodParameters)))
        .build();
  }

  @Bean
  @StepScope
  AggregateReader<OrganizationSignups> cohortSignupsReader(ClickHouse clickHouse, BatchSettings settings,
      @Value("#{jobParameters['date']}") String date) {
    Map<String, Object> params = new HashMap<>(periodParameters(Map.of("date", date)));
    params.replaceAll((k, v) -> v.toString());
    params.put("currency", settings.reportingCurrency());
    return new AggregateReader<>("cohort-signups", () -> OrganizationSignups.group(clickHouse.query(
        sql("signup-days.sql"), params, (rs, n) -> Map.entry(rs.getString("organization_id"), new SignupDay(
            LocalDate.parse(rs.getString("signup_day")), rs.getLong("users"), rs.getLong("active_day"),
            rs.getLong("active_week"), rs.getLong("active_month"), rs.getLong("revenue_day"),
            rs.getLong("revenue_week"), rs.getLong("revenue_month"))))));
  }

  @Bean
  @StepScope
  CohortProcessor cohortProcessor(BatchSettings settings, @Value("#{jobParameters['date']}") String date) {
    return new CohortProcessor(new CohortCalculator(settings.reportingCurrency()), LocalDate.parse(date));
  }

  /** day, week_start and month_start of the computed date. */
  static Map<String, Object> periodParameters(Map<String, Object> jobParameters) {
    LocalDate day = date(jobParameters);
    return Map.of("day", day, "week_start", CohortPeriod.WEEK.start(day), "month_start", CohortPeriod.MONTH.start(day));
  }

  private static LocalDate date(Map<String, Object> jobParameters) {
    return LocalDate.parse((String) jobParameters.get("date"));
  }

  private static String sql(String name) {
    return SqlResource.read(CohortAnalyticsJob.class, name);
  }
}
