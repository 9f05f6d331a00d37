package dev.tally.batch.revenue;

import dev.tally.batch.calendar.DayWindow;
import dev.tally.batch.config.BatchSettings;
import dev.tally.batch.store.AggregateReader;
import dev.tally.batch.store.ClickHouse;
import dev.tally.batch.store.ClosedDays;
import dev.tally.batch.store.ClickHouseMirror;
import dev.tally.batch.store.JobSteps;
import dev.tally.schemas.db.SqlResource;
import java.time.LocalDate;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code revenue-analytics --date D}: revenue_analytics per organization and currency for day D.
 * Steps: stage D's duplicate corrections once (duplicate_corrections); empty D's load table; aggregate D's
 * revenue events in ClickHouse and upsert into revenue_analytics_load; publish D's rows in PostgreSQL and
 * ClickHouse ({@link JobSteps#publish}).
 */
@Configuration
public class RevenueAnalyticsJob {

  public static final String NAME = "revenue-analytics";

  @Bean(NAME)
  Job revenueAnalyticsJob(JobSteps steps, AggregateReader<RevenueAnalytics> revenueAnalyticsReader) {
    return new JobBuilder(NAME, steps.repository())
        .start(steps.closedDay("revenue-analytics-deduplicate"))
        .next(steps.postgres("revenue-analytics-clear", sql("clear.sql"), JobSteps::dateParameter))
        .next(steps.chunk("revenue-analytics-load", revenueAnalyticsReader,
            steps.<RevenueAnalytics>upsert(sql("revenue-analytics-upsert.sql"))))
        .next(steps.publish("revenue-analytics-publish", "revenue_analytics", "date = :date", new ClickHouseMirror("revenue_analytics",
            sql("revenue-analytics-select.sql"), "date = toDate(:date)", sql("revenue-analytics-insert.sql"),
            JobSteps::dateParameter)))
        .build();
  }

  @Bean
  @StepScope
  AggregateReader<RevenueAnalytics> revenueAnalyticsReader(ClickHouse clickHouse, ClosedDays closedDays,
      BatchSettings settings, @Value("#{jobParameters['date']}") String date) {
    DayWindow day = new DayWindow(LocalDate.parse(date), settings.zone());
    return new AggregateReader<>("revenue-analytics", () -> closedDays.read(day.date(), events -> clickHouse.query(
        events.in(sql("revenue-analytics.sql")), day.parameters(),
        (rs, n) -> RevenueAnalytics.of(rs.getString("organization_id"), day.date(), rs.getString("currency"),
            rs.getLong("gross"), rs.getLong("refunds"), rs.getLong("orders"), rs.getLong("returns"),
            rs.getLong("discounts"), rs.getLong("shipping"), rs.getLong("tax")))));
  }


  private static String sql(String name) {
    return SqlResource.read(RevenueAnalyticsJob.class, name);
  }
}
