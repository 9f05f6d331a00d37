package dev.tally.batch.retention;

import dev.tally.batch.config.BatchSettings;
import dev.tally.batch.store.ClickHouse;
import dev.tally.batch.store.ClosedDays;
import dev.tally.batch.store.JobSteps;
import dev.tally.schemas.db.SqlResource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code retention --date D}: drops the raw events partitions that ended more than
 * TALLY_RETENTION_DAYS before D, except those a nightly job still needs ({@link RetentionPlan}).
 * Each dropped month is recorded in PostgreSQL {@code retention_dropped_months} first, so that a
 * partner-revenue period that needs it is refused rather than computed from part of its events. The
 * duplicate corrections of days before the horizon ({@code duplicate_corrections}) are dropped too,
 * with the fingerprints they were built from ({@code closed_days}).
 * The step's summary names each dropped partition and each kept one with its reason.
 */
@Configuration
public class RetentionJob {

  public static final String NAME = "retention";

  @Bean(NAME)
  Job retentionJob(JobSteps steps, ClickHouse clickHouse, DataSource postgres, BatchSettings settings) {
    return new JobBuilder(NAME, steps.repository())
        .start(steps.tasklet("retention-drop", (contribution, context) -> {
          LocalDate date = LocalDate.parse((String) context.getStepContext().getJobParameters().get("date"));
          List<RetentionPlan.Partition> expired = new ArrayList<>();
          for (String partition : clickHouse.query(sql("partitions.sql"), Map.of(), (rs, n) -> rs.getString(1))) {
            if (RetentionPlan.expired(partition, date, settings.retentionDays())) {
              Map<String, Object> p = Map.of("partition", Long.parseLong(partition), "zone", settings.zone().getId());
              Set<LocalDate> days = clickHouse.query(sql("partition-days.sql"), p, (rs, n) -> LocalDate.parse(rs.getString(1)))
                  .stream().collect(Collectors.toSet());
              expired.add(new RetentionPlan.Partition(partition, days, clickHouse.count(sql("partition-invoices.sql"), p) > 0));
            }
          }
          Map<String, Set<LocalDate>> completedDays = new HashMap<>();
          Set<String> completedMonths = new HashSet<>();
          new JdbcTemplate(postgres).query(sql("completed-runs.sql"), rs -> {
            String job = rs.getString("job_name");
            if (job.equals("partner-revenue")) {
              if ("monthly".equals(rs.getString("period_type"))) {
                completedMonths.add(rs.getString("period"));
              }
            } else {
              completedDays.computeIfAbsent(job, k -> new HashSet<>()).add(LocalDate.parse(rs.getString("date")));
            }
          });
          List<RetentionPlan.Decision> decisions = RetentionPlan.decide(expired, completedDays, completedMonths);
          StringBuilder summary = new StringBuilder();
          JdbcTemplate pg = new JdbcTemplate(postgres);
          for (RetentionPlan.Decision d : decisions) {
            if (d.drop()) {
              // recorded first: a crash in between refuses periods of a month that is still there, never the reverse
              pg.update(sql("record-dropped-month.sql"), java.sql.Date.valueOf(RetentionPlan.firstDay(d.partition())));
              clickHouse.execute("ALTER TABLE events DROP PARTITION " + Long.parseLong(d.partition()), Map.of());
              contribution.incrementWriteCount(1);
            }
            summary.append(summary.length() == 0 ? "" : "; ")
                .append(d.drop() ? "dropped " + d.partition() : "kept " + d.partition() + " (" + d.reason() + ")");
          }
          LocalDate horizon = date.minusDays(settings.retentionDays());
          int staged = 0;
          for (String day : clickHouse.query(sql("closed-day-partitions.sql"), Map.of("horizon", horizon.toString()),
              (rs, n) -> rs.getString(1))) {
            ClosedDays.dropCorrections(clickHouse, LocalDate.parse(day));
            staged++;
          }
          // with the corrections go the fingerprints they were built from (closed_days): a rerun of such a
          // day whose raw partition was kept stages its corrections again instead of reading none
          clickHouse.deleteAndWait("closed_days", "day < toDate(:horizon)", Map.of("horizon", horizon.toString()));
          summary.append(summary.length() == 0 ? "" : "; ")
              .append("dropped the duplicate corrections of ").append(staged).append(" day(s) before ").append(horizon);
          contribution.setExitStatus(new ExitStatus(ExitStatus.COMPLETED.getExitCode(), summary.toString()));
          return RepeatStatus.FINISHED;
        }))
        .build();
  }

  private static String sql(String name) {
    return SqlResource.read(RetentionJob.class, name);
  }
}
