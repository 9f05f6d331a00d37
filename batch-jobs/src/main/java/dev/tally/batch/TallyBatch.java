package dev.tally.batch;

import dev.tally.batch.config.BatchSettings;
import dev.tally.batch.launch.JobRuns;
import dev.tally.batch.launch.JobTarget;
import dev.tally.batch.launch.RunMetrics;
import dev.tally.batch.launch.RunOutcome;
import dev.tally.batch.launch.RunReport;
import dev.tally.batch.partner.RevenuePeriod;
import dev.tally.schemas.config.TallySettings;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.batch.core.job.Job;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The scheduler's command line: {@code infra/tally batch <job> [--date D | --from D --to D] [--json]}.
 * Exit codes: 0 done, 1 failed (the same command resumes), 2 bad arguments, 3 already running.
 * Arguments are checked before Spring starts, so a typo fails in milliseconds.
 */
@Command(name = "infra/tally batch", mixinStandardHelpOptions = true,
    description = "Runs Tally's nightly batch jobs. Exit codes: 0 done, 1 failed (rerun the same command to resume),"
        + " 2 bad arguments, 3 the same job and date is already running.",
    subcommands = {TallyBatch.DailyMetrics.class, TallyBatch.RevenueAnalytics.class, TallyBatch.CohortAnalytics.class,
        TallyBatch.PartnerRevenue.class, TallyBatch.Retention.class, TallyBatch.Reconcile.class})
public final class TallyBatch implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /** Runs the command line in this process; returns the exit code. */
  public static int run(PrintStream out, PrintStream err, String... args) {
    return CommandLines.execute(new TallyBatch(), "tally batch", out, err, args);
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "name a job: one of " + spec.subcommands().keySet());
  }

  /** Options shared by every job: output format. */
  abstract static class JobCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print a machine-readable JSON summary on stdout.")
    boolean json;

    abstract String job();

    abstract List<JobTarget> targets(BatchSettings settings);

    @Override
    public Integer call() {
      BatchSettings settings = BatchSettings.from(TallySettings.load());
      List<JobTarget> targets = targets(settings);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      List<RunOutcome> outcomes = new ArrayList<>();
      try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BatchApplication.class)
          .logStartupInfo(false).run()) {
        Job job = context.getBean(job(), Job.class);
        JobRuns runs = context.getBean(JobRuns.class);
        for (int i = 0; i < targets.size(); i++) {
          JobTarget target = targets.get(i);
          if (targets.size() > 1) {
            err.printf("[%d/%d] %s %s: running%n", i + 1, targets.size(), job(), target.label());
          }
          RunOutcome outcome = runs.run(job, target);
          outcomes.add(outcome);
          if (targets.size() > 1) {
            err.printf("[%d/%d] %s %s: %s in %d ms%n", i + 1, targets.size(), job(), target.label(), outcome.status(),
                outcome.durationMs());
          }
        }
      }
      RunReport report = new RunReport(job(), outcomes);
      RunMetrics.write(settings.metricsDir(), report, Instant.now());
      if (json) {
        out.println(report.toJson());
      } else {
        outcomes.forEach(o -> out.println(RunReport.line(o)));
      }
      out.flush();
      return report.exitCode();
    }
  }

  /** A job computed per day: --date, or --from/--to (one job instance per date). */
  abstract static class DatedJobCommand extends JobCommand {

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
        description = "The day to compute (default: yesterday in TALLY_TIME_ZONE).")
    LocalDate date;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
        description = "First day of a backfill (with --to); each day is its own job instance.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
        description = "Last day of a backfill, inclusive (with --from).")
    LocalDate to;

    @Override
    List<JobTarget> targets(BatchSettings settings) {
      if (date != null && (from != null || to != null)) {
        throw new ParameterException(spec.commandLine(), "--date cannot be combined with --from/--to");
      }
      if ((from == null) != (to == null)) {
        throw new ParameterException(spec.commandLine(), from == null ? "--to needs --from" : "--from needs --to");
      }
      if (from != null && from.isAfter(to)) {
        throw new ParameterException(spec.commandLine(), "--from (" + from + ") is after --to (" + to + ")");
      }
      if (from == null) {
        return List.of(JobTarget.ofDate(job(), date != null ? date : settings.yesterday()));
      }
      return from.datesUntil(to.plusDays(1)).map(d -> JobTarget.ofDate(job(), d)).toList();
    }
  }

  static final class DateConverter implements CommandLine.ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a date (YYYY-MM-DD)");
      }
    }
  }

  @Command(name = "daily-metrics", mixinStandardHelpOptions = true,
      description = "daily_metrics per organization and agent_metrics per agent, for each day.")
  static final class DailyMetrics extends DatedJobCommand {
    @Override
    String job() {
      return "daily-metrics";
    }
  }

  @Command(name = "revenue-analytics", mixinStandardHelpOptions = true,
      description = "revenue_analytics per organization, day and currency.")
  static final class RevenueAnalytics extends DatedJobCommand {
    @Override
    String job() {
      return "revenue-analytics";
    }
  }

  @Command(name = "cohort-analytics", mixinStandardHelpOptions = true,
      description = "cohort_analytics for the day, ISO week and month containing each day (as of the end of that day).")
  static final class CohortAnalytics extends DatedJobCommand {
    @Override
    String job() {
      return "cohort-analytics";
    }
  }

  @Command(name = "reconcile", mixinStandardHelpOptions = true,
      description = "Compares the stream's metrics_minute totals with daily_metrics and revenue_analytics per organization"
          + " and day; differences go to reconciliation_drift and the summary.")
  static final class Reconcile extends DatedJobCommand {
    @Override
    String job() {
      return "reconcile";
    }
  }

  @Command(name = "retention", mixinStandardHelpOptions = true,
      description = "Drops raw events partitions (months) that ended more than TALLY_RETENTION_DAYS before --date,"
          + " unless a nightly job has not yet completed a day they hold.")
  static final class Retention extends JobCommand {

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
        description = "The day the horizon counts back from (default: yesterday in TALLY_TIME_ZONE).")
    LocalDate date;

    @Override
    String job() {
      return "retention";
    }

    @Override
    List<JobTarget> targets(BatchSettings settings) {
      return List.of(JobTarget.ofDate(job(), date != null ? date : settings.yesterday()));
    }
  }

  @Command(name = "partner-revenue", mixinStandardHelpOptions = true,
      description = "partner_revenue per partner, shop, currency and period (docs/architecture.md, Partner"
          + " commissions); only rows still 'calculated' are recomputed.")
  static final class PartnerRevenue extends JobCommand {

    @Option(names = "--period-type", paramLabel = "monthly|quarterly|annual", defaultValue = "monthly",
        description = "Period type (default: monthly).")
    RevenuePeriod.Type periodType;

    @Option(names = "--period", paramLabel = "YYYY-MM|YYYY-Qn|YYYY",
        description = "The period (default: the last one that has ended, in TALLY_TIME_ZONE).")
    String period;

    @Override
    String job() {
      return "partner-revenue";
    }

    @Override
    List<JobTarget> targets(BatchSettings settings) {
      RevenuePeriod p;
      try {
        p = period == null ? RevenuePeriod.lastClosed(periodType, settings.yesterday().plusDays(1))
            : RevenuePeriod.parse(periodType, period);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--period: " + e.getMessage());
      }
      return List.of(new JobTarget(job(), Map.of("period_type", p.type().label(), "period", p.label())));
    }
  }
}
