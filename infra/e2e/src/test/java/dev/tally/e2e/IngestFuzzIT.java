package dev.tally.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.schemas.config.Setting;
import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.kafka.TopicReader;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.EventCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 10,000 seeded malformed or hostile requests against the collector process that
 * {@code infra/tally ingest start} runs: never a 5xx, the process stays up with bounded memory, and
 * what it says it accepted is exactly what reached the events topic, each event once.
 */
class IngestFuzzIT {

  static final int REQUESTS = 10_000;
  static final TallySettings SETTINGS = TallySettings.load();
  static final Pattern KEY = Pattern.compile("tk_[A-Za-z0-9_-]+");

  static String organization;
  static String key;
  static String url;

  @BeforeAll
  static void collector() throws Exception {
    Launcher.Result start = Launcher.run(5, "ingest", "start");
    assertThat(start.exitCode()).as(start.output()).isZero();
    organization = UUID.randomUUID().toString();
    Launcher.Result created = Launcher.run(2, "keys", "create", "--organization", organization, "--name", "fuzz");
    Matcher m = KEY.matcher(created.output());
    assertThat(m.find()).as(created.output()).isTrue();
    key = m.group();
    url = "http://127.0.0.1:" + System.getenv().getOrDefault("TALLY_INGEST_PORT", "8088");
  }

  @AfterAll
  static void stop() throws Exception {
    Launcher.run(2, "down", "ingest");
  }

  @Test
  void hostileRequestsGetNo5xxAndTheAcceptedCountIsExact() throws Exception {
    long pid = Long.parseLong(Files.readString(Launcher.home().resolve("ingest/ingest.pid")).strip());
    long rssBefore = rssKb(pid);
    TopicReader topic = new TopicReader(SETTINGS, SETTINGS.get(Setting.KAFKA_EVENTS_TOPIC)); // marks the end
    HttpClient http = newClient();
    String auth = "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    HostileRequests requests = new HostileRequests(20261123L, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
        UUID.randomUUID().toString().substring(0, 8));
    Map<String, Integer> statuses = new TreeMap<>();
    List<String> serverErrors = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    long accepted = 0;
    long maxRss = rssBefore;
    for (int i = 0; i < REQUESTS; i++) {
      HostileRequests.Request r = requests.next();
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + r.path())).timeout(Duration.ofSeconds(30))
          .POST(HttpRequest.BodyPublishers.ofByteArray(r.body()));
      if (r.authorized()) {
        request.header("Authorization", auth);
      }
      if (!r.contentType().isEmpty()) {
        request.header("Content-Type", r.contentType());
      }
      if (r.contentEncoding() != null) {
        request.header("Content-Encoding", r.contentEncoding());
      }
      HttpResponse<String> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException stale) {
        // The collector closes a connection after refusing a body it did not read (413); the client may have
        // reused that connection or still been writing. Like an SDK, resend once on a new connection.
        http = newClient();
        try {
          response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
          dropped.add(r.kind() + " " + r.path() + " (" + r.body().length + " bytes): " + e.getMessage());
          http = newClient();
          continue;
        }
      }
      statuses.merge(r.kind() + " " + response.statusCode(), 1, Integer::sum);
      if (response.statusCode() >= 500) {
        serverErrors.add(r.kind() + " " + r.path() + " -> " + response.statusCode() + " " + response.body());
      }
      if (response.statusCode() == 200) {
        Matcher m = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)").matcher(response.body());
        assertThat(m.find()).as(response.body()).isTrue();
        accepted += Long.parseLong(m.group(1));
      }
      if (i % 1000 == 0) {
        maxRss = Math.max(maxRss, rssKb(pid));
      }
    }
    maxRss = Math.max(maxRss, rssKb(pid));
    System.out.println("fuzz: " + REQUESTS + " requests, statuses " + statuses + ", accepted " + accepted
        + ", well-formed events sent " + requests.validEventsSent() + ", collector RSS " + rssBefore / 1024 + " MiB before, "
        + maxRss / 1024 + " MiB at most");

    assertThat(serverErrors).as("answers with a 5xx").isEmpty();
    assertThat(dropped).as("connections closed without an answer").isEmpty();
    assertThat(Launcher.run(1, "ingest", "status").exitCode()).as("the collector is still up").isZero();
    assertThat(http.send(HttpRequest.newBuilder(URI.create(url + "/healthz")).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode()).isEqualTo(200);
    assertThat(maxRss).as("collector RSS in KiB (heap capped at 512 MiB)").isLessThan(1024 * 1024);
    assertThat(accepted).as("the well-formed events were accepted").isGreaterThanOrEqualTo(requests.validEventsSent());

    Map<String, Integer> copies = new HashMap<>();
    EventCodec<AnalyticsEvent> codec = EventCodec.analyticsEvents();
    try (topic) {
      for (ConsumerRecord<String, byte[]> record : topic.sinceMark()) {
        if (organization.equals(record.key())) {
          copies.merge(codec.decode(record.value()).getEventId(), 1, Integer::sum);
        }
      }
    }
    assertThat(copies.values().stream().mapToLong(Integer::longValue).sum()).as("events of this run in the topic")
        .isEqualTo(accepted);
    // a message without messageId gets an id derived from its content, so identical ones share it (and count once
    // downstream); every other accepted event is on the topic once
    assertThat(copies).as("copies of each accepted event with its own messageId")
        .allSatisfy((id, count) -> assertThat(id.startsWith("dm-") || count == 1).as(id + ": " + count).isTrue());
  }

  private static HttpClient newClient() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static long rssKb(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS for pid " + pid);
  }
}
