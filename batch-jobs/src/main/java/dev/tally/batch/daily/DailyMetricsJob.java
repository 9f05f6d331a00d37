package dev.tally.batch.daily;

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
 * {@code daily-metrics --date D}: daily_metrics per organization and agent_metrics per agent for day D.
 * Steps: stage D's duplicate corrections once (duplicate_corrections); empty D's load tables; aggregate D in
 * ClickHouse and upsert into daily_metrics_load; the same for agent_metrics; publish D's rows in PostgreSQL
 * and ClickHouse ({@link JobSteps#publish}).
 */
@Configuration
public class DailyMetricsJob {

  public static final String NAME = "daily-metrics";

  @Bean(NAME)
  Job dailyMetricsJob(JobSteps steps, AggregateReader<DailyMetrics> dailyMetricsReader,
      AggregateReader<AgentMetrics> agentMetricsReader) {
    return new JobBuilder(NAME, steps.repository())
        .start(steps.closedDay("daily-metrics-deduplicate"))
        .next(steps.postgres("daily-metrics-clear", sql("clear.sql"), JobSteps::dateParameter))
        .next(steps.chunk("daily-metrics-load", dailyMetricsReader,
            steps.<DailyMetrics>upsert(sql("daily-metrics-upsert.sql"))))
        .next(steps.chunk("agent-metrics-load", agentMetricsReader,
            steps.<AgentMetrics>upsert(sql("agent-metrics-upsert.sql"))))
        .next(steps.publish("daily-metrics-publish", "daily_metrics", "date = :date", new ClickHouseMirror("daily_metrics",
            sql("daily-metrics-select.sql"), "date = toDate(:date)", sql("daily-metrics-insert.sql"),
            JobSteps::dateParameter)))
        .next(steps.publish("agent-metrics-publish", "agent_metrics", "date = :date", new ClickHouseMirror("agent_metrics",
            sql("agent-metrics-select.sql"), "date = toDate(:date)", sql("agent-metrics-insert.sql"),
            JobSteps::dateParameter)))
        .build();
  }

  @Bean
  @StepScope
  AggregateReader<DailyMetrics> dailyMetricsReader(ClickHouse clickHouse, ClosedDays closedDays, BatchSettings settings,
      @Value("#{jobParameters['date']}") String date) {
    DayWindow day = new DayWindow(LocalDate.parse(date), settings.zone());
    return new AggregateReader<>("daily-metrics", () -> closedDays.read(day.date(), events -> clickHouse.query(
        events.in(sql("daily-metrics.sql")), day.parameters(),
        (rs, n) -> new DailyMetrics(rs.getString("organization_id"), day.date(), rs.getLong("total_messages"),
            rs.getLong("total_conversations"), rs.getLong("total_tokens"), rs.getLong("unique_users"),
            DailyMetrics.meanResponseTime(rs.getLong("response_time_sum_us"), rs.getLong("response_time_count")),
            rs.getLong("agent_count"), rs.getLong("workflow_executions")))));
  }

  @Bean
  @StepScope
  AggregateReader<AgentMetrics> agentMetricsReader(ClickHouse clickHouse, ClosedDays closedDays, BatchSettings settings,
      @Value("#{jobParameters['date']}") String date) {
    DayWindow day = new DayWindow(LocalDate.parse(date), settings.zone());
    return new AggregateReader<>("agent-metrics", () -> closedDays.read(day.date(), events -> clickHouse.query(
        events.in(sql("agent-metrics.sql")), day.parameters(),
        (rs, n) -> new AgentMetrics(rs.getString("organization_id"), rs.getString("agent_id"), day.date(),
            rs.getLong("conversation_count"), rs.getLong("message_count"),
            DailyMetrics.meanResponseTime(rs.getLong("response_time_sum_us"), rs.getLong("response_time_count")),
            rs.getLong("total_tokens"), rs.getLong("error_count"),
            AgentMetrics.meanRating(rs.getLong("rating_sum"), rs.getLong("rating_count"))))));
  }


  private static String sql(String name) {
    return SqlResource.read(DailyMetricsJob.class, name);
  }
}
