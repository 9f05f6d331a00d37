package dev.tally.stream.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.schemas.config.Setting;
import dev.tally.schemas.event.AnalyticsEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's metrics through Flink's Prometheus reporter, scraped from its endpoint while it runs the
 * crafted events (17 sent: one retry within the horizon, one past it, one event too late for its
 * minute): Tally's counters hold what the events imply.
 */
class PrometheusEndpointIT {

  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  static final String A = UUID.randomUUID().toString();
  static final String B = UUID.randomUUID().toString();

  @TempDir
  static Path checkpoints;
  static StreamStores stores;
  static JobClient job;
  static List<AnalyticsEvent> sent;

  @BeforeAll
  static void runTheJob() throws Exception {
    stores = new StreamStores("prometheus", 1, 1, checkpoints.toString());
    sent = CraftedEvents.of(A, B);
    stores.send(sent);
    var settings = CraftedEvents.settings(stores.settings);
    job = new StreamJob(settings, false).start(StreamExecutionEnvironment.createLocalEnvironment(1, StreamJob.configuration(settings)));
  }

  @AfterAll
  static void stopTheJob() throws Exception {
    job.cancel().get();
    stores.deleteTopics();
  }

  @Test
  void tallysCountersSayWhatHappenedToTheEvents() throws Exception {
    String metrics = "";
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      metrics = scrape();
      if (sum(metrics, "events_loaded_total") >= sent.size() && sum(metrics, "events_deduplicated_total") >= 1) {
        break;
      }
      Thread.sleep(500);
    }

    // each of the two pipelines reads the topic with a source of its own
    assertThat(values(metrics, "events_in_total")).as(metrics).hasSize(2).containsOnly((double) sent.size());
    assertThat(sum(metrics, "events_loaded_total")).as("the loader loads every copy").isEqualTo(sent.size());
    assertThat(sum(metrics, "events_deduplicated_total")).as("a1's retry within the horizon").isEqualTo(1);
    assertThat(sum(metrics, "events_too_late_total")).as("a3's retry past the horizon, a9 past its minute").isEqualTo(2);
    assertThat(sum(metrics, "events_undecodable_total")).isZero();
    assertThat(sum(metrics, "sink_batches_total")).isPositive();
    assertThat(sum(metrics, "sink_batch_failures_total")).isZero();
    assertThat(sum(metrics, "sink_rows_dead_lettered_total")).isZero();
    assertThat(values(metrics, "watermark_lag_seconds")).as("event time of 2042 is ahead of the clock")
        .isNotEmpty().allSatisfy(lag -> assertThat(lag).isNegative());
    assertThat(metrics).contains("flink_jobmanager_numRunningJobs", "flink_taskmanager_Status_JVM_Memory_Heap_Used");
  }

  /** The reporter's text from the first port of TALLY_STREAM_METRICS_PORTS that holds this job's metrics. */
  static String scrape() throws Exception {
    String[] range = stores.settings.get(Setting.STREAM_METRICS_PORTS).split("-");
    for (int port = Integer.parseInt(range[0]); port <= Integer.parseInt(range[range.length - 1]); port++) {
      try {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200 && answer.body().contains("events_in_total")) {
          return answer.body();
        }
      } catch (java.io.IOException nothingThere) {
        // next port
      }
    }
    return "";
  }

  /** The values of every series of the metric whose name ends with {@code _name} (Flink prefixes the scope). */
  static List<Double> values(String metrics, String name) {
    Matcher m = Pattern.compile("(?m)^flink_\\w+_" + Pattern.quote(name) + "\\{[^}]*} (\\S+)$").matcher(metrics);
    List<Double> values = new ArrayList<>();
    while (m.find()) {
      values.add(Double.parseDouble(m.group(1)));
    }
    return values;
  }

  static long sum(String metrics, String name) {
    return Math.round(values(metrics, name).stream().mapToDouble(Double::doubleValue).sum());
  }
}
