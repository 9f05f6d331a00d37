package dev.tally.batch.reconcile;

import dev.tally.batch.calendar.DayWindow;
import dev.tally.batch.config.BatchSettings;
import dev.tally.batch.store.AggregateReader;
import dev.tally.batch.store.ClickHouse;
import dev.tally.batch.store.JobSteps;
import dev.tally.schemas.db.SqlResource;
import java.time.LocalDate;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * {@code reconcile --date D}: per organization, the stream's totals for D (ClickHouse
 * metrics_minute, latest version of each minute) against the batch's (PostgreSQL daily_metrics and
 * revenue_analytics): messages, tokens and net revenue per currency. Each difference is a row of
 * reconciliation_drift (the day's rows are replaced) and counts in the step's written items; drift
 * is a finding, not a failure, so the exit code stays 0.
 */
@Configuration
public class ReconcileJob {

  public static final String NAME = "reconcile";

  @Bean(NAME)
  Job reconcileJob(JobSteps steps, AggregateReader<Drift> driftReader) {
    return new JobBuilder(NAME, steps.repository())
        .start(steps.postgres("reconcile-clear", "DELETE FROM reconciliation_drift WHERE date = :date",
            JobSteps::dateParameter))
        .next(steps.chunk("reconcile-compare", driftReader, steps.<Drift>upsert(sql("drift-upsert.sql"))))
        .build();
  }

  @Bean
  @StepScope
  AggregateReader<Drift> driftReader(ClickHouse clickHouse, DataSource postgres, BatchSettings settings,
      @Value("#{jobParameters['date']}") String date) {
    DayWindow day = new DayWindow(LocalDate.parse(date), settings.zone());
    return new AggregateReader<>("drift", () -> Reconciliation.compare(day.date(),
        clickHouse.query(sql("stream-totals.sql"), day.parameters(), (rs, n) -> new Reconciliation.Total(
            rs.getString("organization_id"), rs.getString("measure"), rs.getLong("value"))),
        new NamedParameterJdbcTemplate(postgres).query(sql("batch-totals.sql"), Map.of("date", day.date()),
            (rs, n) -> new Reconciliation.Total(rs.getString("organization_id"), rs.getString("measure"), rs.getLong("value")))));
  }

  private static String sql(String name) {
    return SqlResource.read(ReconcileJob.class, name);
  }
}
