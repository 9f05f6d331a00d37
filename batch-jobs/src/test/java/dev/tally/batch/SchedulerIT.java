package dev.tally.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What schedulers rely on, with real processes: a run killed with kill -9 in the middle of a step
 * resumes with the same command and ends identical to a clean run; a second run of the same job and
 * date exits 3 while the first is running.
 *
 * <p>To hold a run in the middle of its load step, the test keeps an uncommitted insert of one
 * organization's row of daily_metrics_load open (where the job loads the day before publishing it):
 * the job commits its first chunk (500 organizations) and then waits on that row's key.
 */
class SchedulerIT {

  static final String DATE = "2037-02-10";
  static final int ORGANIZATIONS = 1200;
  static final String BLOCKED = organization(700);

  private Connection blocker;
  private Process first;

  static String organization(int i) {
    return String.format("%08d-0000-0000-0000-000000002037", i);
  }

  @BeforeEach
  void givenADayWithManyOrganizations() throws Exception {
    Stores.clearYear(2037);
    Stores.forgetRuns("daily-metrics", "date", DATE);
    List<Event> events = new ArrayList<>();
    for (int i = 1; i <= ORGANIZATIONS; i++) {
      events.add(Event.of(organization(i), "m" + i, "message_sent", "2037-02-10T12:00:00.000Z").user("u" + i).tokens(i));
    }
    Stores.load(events);
  }

  @AfterEach
  void release() throws Exception {
    if (blocker != null) {
      blocker.rollback();
      blocker.close();
    }
    if (first != null && first.isAlive()) {
      first.destroyForcibly().waitFor();
    }
  }

  @Test
  void killedMidStepThenResumedWithTheSameCommandEndsLikeACleanRun() throws Exception {
    blockOneRow();
    first = start("daily-metrics", "--date", DATE);
    awaitCommittedRows(500);

    first.destroyForcibly(); // SIGKILL, as kill -9
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Rows.text(Stores.pg("SELECT e.status FROM batch_job_execution e JOIN batch_job_execution_params p"
        + " ON p.job_execution_id = e.job_execution_id WHERE p.parameter_name = 'date' AND p.parameter_value = ?"
        + " ORDER BY e.job_execution_id DESC LIMIT 1", DATE))).as("left behind by the killed run").containsExactly("STARTED");
    blocker.rollback();

    Cli.Result resumed = Cli.run("daily-metrics", "--date", DATE, "--json");

    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    JsonNode run = new ObjectMapper().readTree(resumed.out()).get("runs").get(0);
    assertThat(run.get("restarted").asBoolean()).isTrue();
    assertThat(run.get("run").asLong()).isEqualTo(1);
    assertThat(run.get("steps")).extracting(s -> s.get("name").asText() + "=" + s.get("read").asLong())
        .as("the clear step is not repeated; the load step resumes after the committed chunk")
        .containsExactly("daily-metrics-load=" + (ORGANIZATIONS - 500), "agent-metrics-load=0",
            "daily-metrics-publish=0", "agent-metrics-publish=0");
    List<String> afterRestart = DailyMetricsIT.postgresFor(DATE);
    List<String> clickHouseAfterRestart = DailyMetricsIT.clickHouseFor(DATE);

    assertThat(Cli.run("daily-metrics", "--date", DATE).exitCode()).as("clean run").isZero();

    assertThat(afterRestart).hasSize(ORGANIZATIONS).isEqualTo(DailyMetricsIT.postgresFor(DATE))
        .contains(BLOCKED + "|" + DATE + "|1|0|700|1|0.00|0|0");
    assertThat(clickHouseAfterRestart).isEqualTo(afterRestart);
    assertThat(Rows.text(Stores.ch("SELECT count() FROM daily_metrics WHERE date = '" + DATE + "'")))
        .containsExactly(Integer.toString(ORGANIZATIONS));
  }

  /**
   * What a PostgreSQL restart in the middle of a chunk leaves behind (the fault suite does it for
   * real): the job's and the step's status UNKNOWN, which Spring Batch refuses to restart by itself.
   */
  @Test
  void aRunLeftUnknownIsRestartedByTheSameCommand() throws Exception {
    blockOneRow();
    first = start("daily-metrics", "--date", DATE);
    awaitCommittedRows(500);
    first.destroyForcibly();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Long execution = Stores.PG.queryForObject("SELECT max(e.job_execution_id) FROM batch_job_execution e"
        + " JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id"
        + " WHERE p.parameter_name = 'date' AND p.parameter_value = ?", Long.class, DATE);
    Stores.PG.update("UPDATE batch_step_execution SET status = 'UNKNOWN', end_time = now()"
        + " WHERE job_execution_id = ? AND status = 'STARTED'", execution);
    Stores.PG.update("UPDATE batch_job_execution SET status = 'UNKNOWN', end_time = now() WHERE job_execution_id = ?",
        execution);
    blocker.rollback();

    Cli.Result resumed = Cli.run("daily-metrics", "--date", DATE, "--json");

    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    JsonNode run = new ObjectMapper().readTree(resumed.out()).get("runs").get(0);
    assertThat(run.get("restarted").asBoolean()).isTrue();
    assertThat(run.get("run").asLong()).as("the same job instance").isEqualTo(1);
    assertThat(DailyMetricsIT.postgresFor(DATE)).hasSize(ORGANIZATIONS).contains(BLOCKED + "|" + DATE + "|1|0|700|1|0.00|0|0");
    assertThat(Rows.text(Stores.pg("SELECT status FROM batch_job_execution WHERE job_execution_id = ?", execution)))
        .containsExactly("FAILED");
  }

  @Test
  void secondRunOfTheSameJobAndDateExitsThreeWhileTheFirstRuns() throws Exception {
    blockOneRow();
    first = start("daily-metrics", "--date", DATE);
    awaitCommittedRows(500);

    Cli.Result second = Cli.run("daily-metrics", "--date", DATE);

    assertThat(second.exitCode()).isEqualTo(3);
    assertThat(second.out()).contains("ALREADY_RUNNING", "another run of daily-metrics for " + DATE);
    assertThat(Cli.run("revenue-analytics", "--date", DATE).exitCode()).as("another job, same date").isZero();
    blocker.rollback();
    assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).isZero();
    assertThat(DailyMetricsIT.postgresFor(DATE)).hasSize(ORGANIZATIONS);
  }

  /**
   * What a PostgreSQL restart does to a running job's lock: its session ends (here it alone is
   * terminated, so the run goes on). A second run started meanwhile finds the first still beating and
   * exits 3 instead of recovering a live execution; the first takes its lock again and finishes, or,
   * if the second held the lock at that moment, stops.
   */
  @Test
  void aRunThatLostItsLockIsNotRunAgainBesideIt() throws Exception {
    blockOneRow();
    first = start("daily-metrics", "--date", DATE);
    awaitCommittedRows(500);
    String lockHolders = "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
        + " AND classid::bigint = (hashtext('tally-batch')::bigint & 4294967295)"
        + " AND objid::bigint = (hashtext('daily-metrics:{date=" + DATE + "}')::bigint & 4294967295)";
    assertThat(Stores.PG.queryForList(lockHolders, Long.class)).as("the first run's lock").hasSize(1);

    Stores.PG.queryForList("SELECT pg_terminate_backend(pid) FROM (" + lockHolders + ") l", Boolean.class);
    java.util.concurrent.CompletableFuture<Cli.Result> second = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> Cli.run("daily-metrics", "--date", DATE));

    Cli.Result refused = second.get(60, TimeUnit.SECONDS);
    assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(3);
    assertThat(first.isAlive()).isTrue();
    blocker.rollback();
    assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String log = Files.readString(Path.of("target", "scheduler-it", "first-run.log"));
    if (first.exitValue() != 0) { // the second run took the lock before the first took it again
      assertThat(log).as("the first run stopped").contains("its lock was lost and another run of daily-metrics");
      assertThat(Cli.run("daily-metrics", "--date", DATE).exitCode()).as("resumed").isZero();
    } else {
      assertThat(log).as("the first run took its lock again").contains("is held again");
    }
    assertThat(DailyMetricsIT.postgresFor(DATE)).hasSize(ORGANIZATIONS);
  }

  private void blockOneRow() throws Exception {
    blocker = dev.tally.schemas.db.DataSources.postgres(Stores.SETTINGS).getConnection();
    blocker.setAutoCommit(false);
    try (PreparedStatement ps = blocker.prepareStatement(
        "INSERT INTO daily_metrics_load (organization_id, date) VALUES (?::uuid, ?::date)")) {
      ps.setString(1, BLOCKED);
      ps.setString(2, DATE);
      ps.executeUpdate();
    }
  }

  private static Process start(String... args) throws Exception {
    return Cli.process(Path.of("target", "scheduler-it", "first-run.log"), args);
  }


  private void awaitCommittedRows(int rows) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (count() < rows) {
      assertThat(first.isAlive()).as("first run still running (see target/scheduler-it/first-run.log)").isTrue();
      assertThat(System.nanoTime()).as("first chunk committed within 90 s").isLessThan(deadline);
      Thread.sleep(100);
    }
    Thread.sleep(300); // now waiting on the blocked row in its second chunk
    assertThat(count()).as("second chunk waits").isEqualTo(rows);
  }

  private static long count() {
    Long n = Stores.PG.queryForObject("SELECT count(*) FROM daily_metrics_load WHERE date = ?::date", Long.class, DATE);
    return n == null ? 0 : n;
  }
}
