package dev.tally.batch.statement;

import dev.tally.batch.BatchApplication;
import dev.tally.batch.CommandLines;
import dev.tally.batch.Refused;
import dev.tally.batch.config.BatchSettings;
import dev.tally.batch.launch.JobRuns;
import dev.tally.batch.launch.JobTarget;
import dev.tally.batch.launch.RunMetrics;
import dev.tally.batch.launch.RunOutcome;
import dev.tally.batch.launch.RunReport;
import dev.tally.batch.partner.PartnerRevenueJob;
import dev.tally.batch.partner.RevenuePeriod;
import dev.tally.batch.store.ClickHouse;
import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.db.DataSources;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.batch.core.job.Job;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Finance's command line for partner revenue statements: {@code infra/tally statements generate |
 * approve | mark-paid | dispute | resolve}. Exit codes: 0 done, 1 failed, 2 bad arguments or a move
 * the statement's status does not allow (nothing changed), 3 the period's calculation is already
 * running.
 */
@Command(name = "infra/tally statements", mixinStandardHelpOptions = true,
    description = "Partner revenue statements: generate them (CSV and PDF per partner, summary.csv) and move them through"
        + " calculated -> pending_payment (approve) -> paid (mark-paid), or disputed (dispute) -> calculated (resolve)."
        + " Exit codes: 0 done, 1 failed, 2 bad arguments or a move the status does not allow (nothing changed),"
        + " 3 the period is being calculated by another run.",
    subcommands = {StatementsCommand.Generate.class, StatementsCommand.Approve.class, StatementsCommand.MarkPaid.class,
        StatementsCommand.Dispute.class, StatementsCommand.Resolve.class})
public final class StatementsCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /** Runs the command line in this process; returns the exit code. */
  public static int run(PrintStream out, PrintStream err, String... args) {
    return CommandLines.execute(new StatementsCommand(), "tally statements", out, err, args);
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "name a command: one of " + spec.subcommands().keySet());
  }

  /** --period-type and --period, and optionally --partner. */
  static final class PeriodOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--period-type", paramLabel = "monthly|quarterly|annual", defaultValue = "monthly",
        description = "Period type (default: monthly).")
    RevenuePeriod.Type periodType;

    @Option(names = "--period", paramLabel = "YYYY-MM|YYYY-Qn|YYYY", required = true,
        description = "The period: 2026-10 (monthly), 2026-Q4 (quarterly), 2026 (annual).")
    String period;

    RevenuePeriod period() {
      try {
        return RevenuePeriod.parse(periodType, period);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--period: " + e.getMessage());
      }
    }

    static String partnerId(CommandSpec spec, String value) {
      try {
        return UUID.fromString(value).toString();
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--partner: '" + value + "' is not a partner id (UUID)");
      }
    }
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Recomputes the period's rows that are still calculated (the partner-revenue job), then writes one CSV"
          + " and one PDF per partner and summary.csv under <folder>/<period>/ (folder: --out, else TALLY_STATEMENTS_DIR,"
          + " default $TALLY_HOME/statements).")
  static final class Generate implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PeriodOptions options;

    @Option(names = "--partner", paramLabel = "ID", description = "Write files for this partner only (summary.csv still"
        + " lists every partner).")
    String partner;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder to write to instead of TALLY_STATEMENTS_DIR.")
    Path out;

    @Override
    public Integer call() throws IOException {
      RevenuePeriod period = options.period();
      String partnerId = partner == null ? null : PeriodOptions.partnerId(spec, partner);
      BatchSettings settings = BatchSettings.from(TallySettings.load());
      Path folder = out != null ? out : settings.statementsDir();
      PrintWriter stdout = spec.commandLine().getOut();
      try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BatchApplication.class)
          .logStartupInfo(false).run()) {
        DataSource postgres = context.getBean(DataSource.class);
        PartnerStatements statements = new PartnerStatements(postgres, settings.zone());
        if (partnerId != null && statements.load(period, partnerId).isEmpty()) {
          throw new Refused("no partner " + partnerId);
        }
        JobTarget target = new JobTarget(PartnerRevenueJob.NAME,
            Map.of("period_type", period.type().label(), "period", period.label()));
        RunOutcome outcome = context.getBean(JobRuns.class).run(context.getBean(PartnerRevenueJob.NAME, Job.class), target);
        RunReport report = new RunReport(PartnerRevenueJob.NAME, List.of(outcome));
        RunMetrics.write(settings.metricsDir(), report, java.time.Instant.now());
        if (report.exitCode() != 0) {
          spec.commandLine().getErr().println(RunReport.line(outcome));
          return report.exitCode();
        }
        List<PartnerStatement> all = statements.load(period, null);
        List<PartnerStatement> chosen = partnerId == null ? all : statements.load(period, partnerId);
        List<Path> files = StatementFiles.write(folder, chosen, all, period.label());
        for (PartnerStatement s : chosen) {
          stdout.printf("%s %s: %s, %s%n", s.partner().id(), s.partner().name(), s.statusLabel(), s.totals().stream()
              .map(t -> Money.display(t.commission(), t.currency())).reduce((a, b) -> a + ", " + b).orElse("no revenue"));
        }
        stdout.printf("wrote %d files to %s%n", files.size(), folder.resolve(period.label()));
        return 0;
      }
    }
  }

  /** The options of every move: period, partner, who, why. */
  abstract static class MoveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PeriodOptions options;

    @Option(names = "--partner", paramLabel = "ID", required = true, description = "The partner whose statement moves.")
    String partner;

    @Option(names = "--by", paramLabel = "NAME", description = "Who makes the move, for the audit trail (default: the"
        + " operating-system user).")
    String by = System.getProperty("user.name", "unknown");

    abstract StatementTransition transition();

    String reason() {
      return null;
    }

    String reference() {
      return null;
    }

    LocalDate paidOn() {
      return null;
    }

    @Override
    public Integer call() {
      RevenuePeriod period = options.period();
      String partnerId = PeriodOptions.partnerId(spec, partner);
      if (by == null || by.isBlank()) {
        throw new ParameterException(spec.commandLine(), "--by: name who makes the move");
      }
      StatementLedger.Move move = new StatementLedger.Move(transition(), partnerId, period, by.strip(), reason(),
          reference(), paidOn()); // every argument is checked before a store is touched
      TallySettings tally = TallySettings.load();
      BatchSettings settings = BatchSettings.from(tally);
      StatementLedger ledger = new StatementLedger(DataSources.postgres(tally),
          new ClickHouse(DataSources.clickhouseWriter(tally)), settings.zone());
      StatementLedger.Moved moved = ledger.apply(move);
      spec.commandLine().getOut().printf("%s %s %s: %s -> %s (%d rows) by %s%n", partnerId, period.type().label(),
          period.label(), moved.from().label(), moved.to().label(), moved.rows(), by.strip());
      return 0;
    }
  }

  /** A move whose reason is an optional note for the audit trail. */
  abstract static class NotedMove extends MoveCommand {
    @Option(names = "--reason", paramLabel = "TEXT", description = "A note for the audit trail.")
    String reason;

    @Override
    String reason() {
      return reason;
    }
  }

  @Command(name = "approve", mixinStandardHelpOptions = true,
      description = "calculated -> pending_payment. Refused when an approved statement of another period type overlaps.")
  static final class Approve extends NotedMove {
    @Override
    StatementTransition transition() {
      return StatementTransition.APPROVE;
    }
  }

  @Command(name = "mark-paid", mixinStandardHelpOptions = true, description = "pending_payment -> paid.")
  static final class MarkPaid extends MoveCommand {
    @Option(names = "--reference", paramLabel = "R", required = true, description = "The payment reference.")
    String reference;

    @Option(names = "--paid-on", paramLabel = "YYYY-MM-DD", required = true, description = "The payment date.")
    String paidOn;

    @Override
    StatementTransition transition() {
      return StatementTransition.MARK_PAID;
    }

    @Override
    String reference() {
      if (reference.isBlank()) {
        throw new ParameterException(spec.commandLine(), "--reference must not be blank");
      }
      return reference.strip();
    }

    @Override
    LocalDate paidOn() {
      try {
        return LocalDate.parse(paidOn);
      } catch (DateTimeParseException e) {
        throw new ParameterException(spec.commandLine(), "--paid-on: '" + paidOn + "' is not a date (YYYY-MM-DD)");
      }
    }
  }

  @Command(name = "dispute", mixinStandardHelpOptions = true, description = "calculated or pending_payment -> disputed.")
  static final class Dispute extends MoveCommand {
    @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why the statement is disputed.")
    String reason;

    @Override
    StatementTransition transition() {
      return StatementTransition.DISPUTE;
    }

    @Override
    String reason() {
      if (reason.isBlank()) {
        throw new ParameterException(spec.commandLine(), "--reason must not be blank");
      }
      return reason.strip();
    }
  }

  @Command(name = "resolve", mixinStandardHelpOptions = true,
      description = "disputed -> calculated; the next generate (or partner-revenue run) recomputes it.")
  static final class Resolve extends NotedMove {
    @Override
    StatementTransition transition() {
      return StatementTransition.RESOLVE;
    }
  }
}
