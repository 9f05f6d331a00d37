package dev.tally.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bad arguments end with exit code 2 and a message naming the argument, before anything starts. */
class TallyBatchArgumentsTest {

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = TallyBatch.run(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void malformedDate() {
    Result r = run("daily-metrics", "--date", "2026-13-01");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--date", "'2026-13-01' is not a date (YYYY-MM-DD)");
  }

  @Test
  void fromAfterTo() {
    Result r = run("revenue-analytics", "--from", "2026-11-20", "--to", "2026-11-01");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--from (2026-11-20) is after --to (2026-11-01)");
  }

  @Test
  void fromWithoutTo() {
    Result r = run("cohort-analytics", "--from", "2026-11-20");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--from needs --to");
  }

  @Test
  void dateWithARange() {
    Result r = run("daily-metrics", "--date", "2026-11-20", "--from", "2026-11-01", "--to", "2026-11-02");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--date cannot be combined with --from/--to");
  }

  @Test
  void unknownJob() {
    Result r = run("weekly-metrics", "--date", "2026-11-20");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'weekly-metrics'");
  }

  @Test
  void noJob() {
    Result r = run();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("name a job", "daily-metrics", "partner-revenue");
  }

  @Test
  void unknownPeriodType() {
    Result r = run("partner-revenue", "--period-type", "weekly", "--period", "2026-10");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--period-type", "weekly");
  }

  @Test
  void periodThatDoesNotMatchItsType() {
    Result r = run("partner-revenue", "--period-type", "quarterly", "--period", "2026-Q5");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--period: '2026-Q5' is not a quarter");
  }

  @Test
  void helpListsEveryJobAndTheExitCodes() {
    Result r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("daily-metrics", "revenue-analytics", "cohort-analytics", "partner-revenue", "retention",
        "reconcile", "3 the same job and date is already running");
  }
}
