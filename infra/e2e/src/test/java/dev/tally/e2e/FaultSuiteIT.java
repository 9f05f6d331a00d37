package dev.tally.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.e2e.truth.GeneratedEvents;
import dev.tally.schemas.config.Setting;
import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.db.DataSources;
import dev.tally.schemas.event.AnalyticsEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The fault-injection suite: one run of the whole pipeline (collector, the stream job on the
 * standalone Flink cluster, every nightly job, partner revenue) with, each on purpose, a TaskManager
 * killed with {@code kill -9} and started again, ClickHouse stopped for 30 s, the Kafka broker
 * restarted, PostgreSQL restarted while a batch job runs, and a batch job killed with {@code kill -9}
 * and rerun. Afterwards every table equals the oracle ({@link PipelineOracle}) exactly.
 *
 * <p>Traffic comes in three phases of two organizations and two consecutive days each, one phase per
 * stream fault, so each fault meets data in flight and each phase's events are ahead of the last
 * phase's in event time. Runs last (it moves the stream from the MiniCluster to the cluster):
 * {@code ./mvnw -pl infra/e2e -am verify -Dit.test=FaultSuiteIT -Dtest=NoSuch
 * -Dsurefire.failIfNoSpecifiedTests=false} runs it alone. Every step is printed with its time.
 */
@Order(Integer.MAX_VALUE)
class FaultSuiteIT {

  static final TallySettings SETTINGS = TallySettings.load();
  static final javax.sql.DataSource CLICKHOUSE = DataSources.clickhouseWriter(SETTINGS);
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final int PHASE_DAYS = 2;
  static final int PHASES = 3;

  private Path dir;

  @Test
  void everyFaultInOneRunThenEveryTableEqualsTheOracle() throws Exception {
    long seed = System.currentTimeMillis();
    dir = Launcher.home().resolve("fault-suite/" + seed);
    Files.createDirectories(dir);
    LocalDate last = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    LocalDate first = last.minusDays(PHASE_DAYS * PHASES - 1);
    step("stack up; the stream moves to the standalone Flink cluster (from its last checkpoint)");
    ok("up");
    ok("stream", "stop");
    ok("flink", "up");
    ok("stream", "start", "--cluster");
    ok("ingest", "start");
    try {
      // fault 1: a TaskManager killed while the job processes phase 1, and started again
      Process phase1 = generate(1, seed, first);
      awaitLines(dir.resolve("events-1.ndjson"), 150);
      String job = runningJob();
      awaitCheckpoint(job);
      long taskManager = Long.parseLong(Files.readString(Launcher.home().resolve("flink/taskmanager-1.pid")).strip());
      step("kill -9 TaskManager 1 (pid " + taskManager + ")");
      assertThat(ProcessHandle.of(taskManager).map(ProcessHandle::destroyForcibly)).as("TaskManager 1 running").contains(true);
      finished(phase1, "generate phase 1");
      ok("flink", "up");
      awaitRestored(job);

      // fault 2: ClickHouse stopped for 30 s while phase 2 is sent
      step("ClickHouse stopped for 30 s");
      ok("down", "clickhouse");
      Process phase2 = generate(2, seed, first.plusDays(PHASE_DAYS));
      Thread.sleep(30_000);
      ok("up");
      finished(phase2, "generate phase 2");

      // fault 3: the Kafka broker restarted while phase 3 is sent (the collector answers 503, the generator retries)
      Process phase3 = generate(3, seed, first.plusDays(2 * PHASE_DAYS));
      awaitLines(dir.resolve("events-3.ndjson"), 150);
      step("Kafka broker restarted");
      ok("down", "kafka");
      ok("up");
      finished(phase3, "generate phase 3");
      Path events = allEvents();
      List<AnalyticsEvent> generated = GeneratedEvents.read(events);
      List<String> organizations = generated.stream().map(AnalyticsEvent::getOrganizationId).distinct().sorted().toList();
      awaitStreamLoaded(generated.size(), organizations);
      clusterMetricsAreScraped();

      // fault 4: PostgreSQL restarted while a batch job runs; the same command then finishes it
      String[] daily = {"batch", "daily-metrics", "--from", first.toString(), "--to", last.toString()};
      Path dailyLog = dir.resolve("daily-metrics.log");
      Process dailyRun = Launcher.start(dailyLog, daily);
      awaitOutput(dailyLog, "[2/" + PHASE_DAYS * PHASES + "]");
      assertThat(dailyRun.isAlive()).as("daily-metrics still running when PostgreSQL stops").isTrue();
      step("PostgreSQL restarted under daily-metrics");
      ok("down", "postgres");
      ok("up");
      assertThat(dailyRun.waitFor(10, TimeUnit.MINUTES)).isTrue();
      step("daily-metrics exited " + dailyRun.exitValue() + "; the same command again");
      ok(daily);

      // fault 5: a batch job killed with kill -9 in the middle, then the same command again
      String[] revenue = {"batch", "revenue-analytics", "--from", first.toString(), "--to", last.toString()};
      Path revenueLog = dir.resolve("revenue-analytics.log");
      Process revenueRun = Launcher.start(revenueLog, revenue);
      awaitOutput(revenueLog, "[2/" + PHASE_DAYS * PHASES + "]");
      List<ProcessHandle> jvms = Stream.concat(Stream.of(revenueRun.toHandle()), revenueRun.descendants())
          .filter(p -> p.info().command().orElse("").endsWith("/java")).toList();
      assertThat(jvms).as("the batch JVM").isNotEmpty();
      step("kill -9 revenue-analytics (pid " + jvms.get(0).pid() + ")");
      jvms.forEach(ProcessHandle::destroyForcibly);
      assertThat(revenueRun.waitFor(1, TimeUnit.MINUTES)).isTrue();
      assertThat(revenueRun.exitValue()).as("a killed job's command").isNotZero();
      ok(revenue);

      ok("batch", "cohort-analytics", "--from", first.toString(), "--to", last.toString());
      Path partners = dir.resolve("partners.csv");
      Path links = dir.resolve("links.csv");
      writePartners(partners, links, organizations, first);
      ok("partners", "import", partners.toString());
      ok("partners", "links", "import", links.toString());

      step("every table against the oracle");
      new PipelineOracle(events, first, last, partners, links).allEqual();
      step("all equal");
    } finally {
      Launcher.run(3, "stream", "stop");
      Launcher.run(3, "flink", "down");
      Launcher.run(3, "ingest", "stop");
    }
  }

  /** Phase {@code n}'s traffic through the HTTP API: two organizations of their own, two days from {@code start}. */
  private Process generate(int n, long seed, LocalDate start) throws IOException {
    step("phase " + n + ": traffic of " + start + " and the next day");
    return Launcher.start(dir.resolve("generate-" + n + ".log"), "generate", "--organizations", "2", "--days",
        Integer.toString(PHASE_DAYS), "--start", start.toString(), "--seed", Long.toString(seed + n),
        "--out", dir.resolve("events-" + n + ".ndjson").toString());
  }

  private void finished(Process process, String what) throws Exception {
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).as(what + " finished").isTrue();
    assertThat(process.exitValue()).as(what).isZero();
    step(what + " done");
  }

  private Path allEvents() throws IOException {
    Path all = dir.resolve("events.ndjson");
    for (int n = 1; n <= PHASES; n++) {
      Files.write(all, Files.readAllBytes(dir.resolve("events-" + n + ".ndjson")), StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
    return all;
  }

  /** Partners of seed 000 and a link from every organization: one custom rate, one activated on the second day at noon. */
  private static void writePartners(Path partners, Path links, List<String> shops, LocalDate first) throws IOException {
    String north = "f0000000-0000-4000-8000-0000000000b1";
    String south = "f0000000-0000-4000-8000-0000000000b2";
    Files.writeString(partners, "id,name,type,contact_email,commission_rate\n"
        + north + ",Fault North,reseller,north@example.com,0.1500\n"
        + south + ",Fault South,affiliate,south@example.com,0.0750\n");
    List<String> rows = new ArrayList<>(List.of("shop_id,partner_id,referral_code,custom_commission_rate,activated_at"));
    for (int i = 0; i < shops.size(); i++) {
      Instant activated = (i == 1 ? first.plusDays(1).atTime(12, 0) : first.atStartOfDay()).toInstant(ZoneOffset.UTC);
      rows.add(shops.get(i) + "," + (i % 2 == 0 ? north : south) + ",FAULT-" + i + "," + (i == 0 ? "0.2000" : "") + ","
          + activated);
    }
    Files.write(links, rows);
  }

  /** Waits until ClickHouse holds every generated (organization, event) at least once: the stream caught up. */
  private void awaitStreamLoaded(long expected, List<String> organizationIds) throws Exception {
    String organizations = organizationIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
    long loaded = 0;
    step("waiting for the stream to load " + expected + " events");
    for (long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5); System.nanoTime() < deadline; Thread.sleep(2_000)) {
      try (Connection c = CLICKHOUSE.getConnection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT uniqExact(organization_id, event_id) FROM events WHERE organization_id IN ("
              + organizations + ")")) {
        rs.next();
        loaded = rs.getLong(1);
      }
      if (loaded == expected) {
        step("stream caught up");
        return;
      }
    }
    assertThat(loaded).as("events the stream loaded into ClickHouse within 5 minutes").isEqualTo(expected);
  }

  /**
   * On the cluster every Flink JVM serves Prometheus (infra/tally status lists the endpoints that
   * answer): the JobManager with its running job, the TaskManagers with Tally's counters.
   */
  private void clusterMetricsAreScraped() throws Exception {
    Launcher.Result status = Launcher.run(2, "status");
    List<String> endpoints = java.util.regex.Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/metrics) \\(stream job")
        .matcher(status.output()).results().map(m -> m.group(1)).toList();
    assertThat(endpoints).as(status.output()).hasSizeGreaterThanOrEqualTo(3);
    StringBuilder all = new StringBuilder();
    for (String endpoint : endpoints) {
      all.append(HTTP.send(HttpRequest.newBuilder(URI.create(endpoint)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
    assertThat(all.toString()).containsPattern("(?m)^flink_jobmanager_numRunningJobs(\\{[^}]*})? 1\\.0$").contains(
        "flink_taskmanager_job_task_operator_deserializer_events_in_total{",
        "flink_taskmanager_job_task_operator_events_loaded_total{", "flink_taskmanager_job_task_operator_watermark_lag_seconds{");
    step("Prometheus: " + endpoints.size() + " endpoints on the cluster, Tally's metrics on the TaskManagers");
  }

  private String runningJob() throws Exception {
    for (JsonNode job : flink("/jobs/overview").path("jobs")) {
      if (job.path("state").asText().equals("RUNNING")) {
        return job.path("jid").asText();
      }
    }
    throw new AssertionError("no running job on the Flink cluster: " + flink("/jobs/overview"));
  }

  private void awaitCheckpoint(String job) throws Exception {
    for (long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2); System.nanoTime() < deadline; Thread.sleep(500)) {
      if (flink("/jobs/" + job + "/checkpoints").path("counts").path("completed").asLong() > 0) {
        return;
      }
    }
    throw new AssertionError("job " + job + " completed no checkpoint in 2 minutes");
  }

  /** The job came back from the TaskManager's loss: restored from a checkpoint and running. */
  private void awaitRestored(String job) throws Exception {
    for (long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3); System.nanoTime() < deadline; Thread.sleep(1_000)) {
      JsonNode checkpoints = flink("/jobs/" + job + "/checkpoints");
      JsonNode restored = checkpoints.path("latest").path("restored");
      if (!restored.isMissingNode() && !restored.isNull()
          && flink("/jobs/" + job).path("state").asText().equals("RUNNING")) {
        step("job restored from checkpoint " + restored.path("id").asText() + " and running");
        return;
      }
    }
    throw new AssertionError("job " + job + " did not restore from a checkpoint in 3 minutes");
  }

  private static JsonNode flink(String path) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + SETTINGS.get(Setting.FLINK_REST_PORT) + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(response.body());
  }

  private static void awaitLines(Path file, long lines) throws Exception {
    for (long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3); System.nanoTime() < deadline; Thread.sleep(200)) {
      if (Files.exists(file)) {
        try (Stream<String> s = Files.lines(file)) {
          if (s.count() >= lines) {
            return;
          }
        }
      }
    }
    throw new AssertionError(file + " did not reach " + lines + " lines in 3 minutes");
  }

  private static void awaitOutput(Path log, String text) throws Exception {
    for (long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5); System.nanoTime() < deadline; Thread.sleep(100)) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
    }
    throw new AssertionError("'" + text + "' not printed in 5 minutes; " + log + ":\n" + Files.readString(log));
  }

  private static void ok(String... args) throws Exception {
    Launcher.Result result = Launcher.run(10, args);
    assertThat(result.exitCode()).as("infra/tally " + String.join(" ", args) + "\n" + result.output()).isZero();
  }

  private static void step(String what) {
    System.out.printf("[fault suite %s] %s%n", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), what);
  }
}
