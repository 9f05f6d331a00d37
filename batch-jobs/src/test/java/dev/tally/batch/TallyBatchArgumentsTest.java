package dev.tally.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad arguments end with exit code 2 and a message naming the argument, before anything starts. */
class TallyBatchArgumentsTest {

  @Test
  void malformedDate() {
    Cli.Result r = Cli.run("daily-metrics", "--date", "2026-13-01");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--date", "'2026-13-01' is not a date (YYYY-MM-DD)");
  }

  @Test
  void fromAfterTo() {
    Cli.Result r = Cli.run("revenue-analytics", "--from", "2026-11-20", "--to", "2026-11-01");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--from (2026-11-20) is after --to (2026-11-01)");
  }

  @Test
  void fromWithoutTo() {
    Cli.Result r = Cli.run("cohort-analytics", "--from", "2026-11-20");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--from needs --to");
  }

  @Test
  void dateWithARange() {
    Cli.Result r = Cli.run("daily-metrics", "--date", "2026-11-20", "--from", "2026-11-01", "--to", "2026-11-02");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--date cannot be combined with --from/--to");
  }

  @Test
  void unknownJob() {
    Cli.Result r = Cli.run("weekly-metrics", "--date", "2026-11-20");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("'weekly-metrics'");
  }

  @Test
  void noJob() {
    Cli.Result r = Cli.run();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("name a job", "daily-metrics", "partner-revenue");
  }

  @Test
  void unknownPeriodType() {
    Cli.Result r = Cli.run("partner-revenue", "--period-type", "weekly", "--period", "2026-10");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--period-type", "weekly");
  }

  @Test
  void periodThatDoesNotMatchItsType() {
    Cli.Result r = Cli.run("partner-revenue", "--period-type", "quarterly", "--period", "2026-Q5");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--period: '2026-Q5' is not a quarter");
  }

  /** A setting is read from the environment, so each case runs the command in a JVM of its own. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "TALLY_TIME_ZONE|Mars/Olympus|TALLY_TIME_ZONE is not a time zone",
      "TALLY_REPORTING_CURRENCY|XYZW|TALLY_REPORTING_CURRENCY is not an ISO 4217 currency: 'XYZW'",
      "TALLY_RETENTION_DAYS|0|TALLY_RETENTION_DAYS must be at least 1, was 0",
      "TALLY_PG_PORT|five|TALLY_PG_PORT must be a whole number, was 'five'"})
  void anInvalidSettingExits2NamingIt(String variable, String value, String message) throws Exception {
    ProcessBuilder process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), TallyBatch.class.getName(), "daily-metrics", "--date", "2026-11-20");
    process.environment().put(variable, value);
    Process run = process.redirectErrorStream(true).start();
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(run.exitValue()).as(output).isEqualTo(2);
    assertThat(output).contains("tally batch: " + message).doesNotContain("\tat ");
  }

  @Test
  void helpListsEveryJobAndTheExitCodes() {
    Cli.Result r = Cli.run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("daily-metrics", "revenue-analytics", "cohort-analytics", "partner-revenue", "retention",
        "reconcile", "3 the same job and date is already running");
  }
}
