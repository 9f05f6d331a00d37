package dev.tally.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.ingest.auth.KeyScope;
import dev.tally.ingest.auth.WriteKeys;
import dev.tally.ingest.config.IngestConfig;
import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.db.DataSources;
import dev.tally.schemas.kafka.TopicReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Write keys as the collector runs them (cache TTL 2 s, its default lookup budget and pool): scopes,
 * a flood of made-up keys, and PostgreSQL stopped under the collector.
 */
class KeyLookupsIT {

  static final DataSource POSTGRES = DataSources.postgres(TallySettings.load());
  static RunningCollector stack;

  @BeforeAll
  static void start() {
    IngestConfig config = IngestConfig.from(TallySettings.load()).withPort(0).withKeyCacheTtl(Duration.ofSeconds(2))
        .withKeyLookups(Duration.ofSeconds(120), 20);
    stack = new RunningCollector(config);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private final String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();

  private String batch(String... tracks) {
    return "{\"batch\":[" + String.join(",", tracks) + "]}";
  }

  private String track(String messageId, String event, String properties) {
    return "{\"type\":\"track\",\"messageId\":\"" + messageId + "\",\"userId\":\"u\",\"event\":\"" + event
        + "\",\"timestamp\":\"" + now + "\",\"properties\":" + properties + "}";
  }

  @Test
  void aClientKeyCannotSendBillingEventsAndAServerKeyCan() throws Exception {
    WriteKeys.NewKey client = stack.writeKeys.create(UUID.randomUUID(), "web page", KeyScope.CLIENT);
    WriteKeys.NewKey server = stack.writeKeys.create(UUID.fromString(client.organizationId()), "backend", KeyScope.SERVER);
    String invoice = "{\"invoice_id\":\"inv-1\",\"amount\":12.5,\"currency\":\"USD\"}";
    String order = "{\"order_id\":\"o-1\",\"total\":30,\"currency\":\"USD\"}";
    String fromClient = UUID.randomUUID().toString();

    try (TopicReader deadLetters = new TopicReader(stack.settings, stack.config.deadLetterTopic())) {
      RunningCollector.Answer clientAnswer = stack.post("/v1/batch", client.key(), batch(
          track(fromClient, "Invoice Paid", invoice), track(UUID.randomUUID().toString(), "Order Completed", order)));
      RunningCollector.Answer serverAnswer = stack.post("/v1/batch", server.key(), batch(
          track(UUID.randomUUID().toString(), "Invoice Paid", invoice)));

      assertThat(clientAnswer.status()).isEqualTo(200);
      assertThat(clientAnswer.accepted()).as("the order").isEqualTo(1);
      assertThat(clientAnswer.body().path("rejected").get(0).path("reason").asText()).startsWith("scope: a client write key");
      assertThat(serverAnswer.accepted()).isEqualTo(1);
      List<String> letters = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> record : deadLetters.sinceMark()) {
        letters.add(RunningCollector.JSON.readTree(record.value()).path("rule").asText() + " "
            + RunningCollector.JSON.readTree(record.value()).path("payload").path("messageId").asText());
      }
      assertThat(letters).contains("scope " + fromClient);
    }
    assertThat(stack.writeKeys.list()).anySatisfy(k -> {
      assertThat(k.prefix()).isEqualTo(client.prefix());
      assertThat(k.scope()).isEqualTo(KeyScope.CLIENT);
    });
  }

  @Test
  void aFloodOfMadeUpKeysNeverGetsInAndNeitherHoldsPostgresqlNorSlowsAKnownKey() throws Exception {
    WriteKeys.NewKey known = stack.newKey();
    String body = batch(track("m", "Signed Up", "{}"));
    assertThat(stack.post("/v1/batch", known.key(), body).status()).isEqualTo(200);
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    AtomicBoolean flooding = new AtomicBoolean(true);
    int before = postgresSessions();
    AtomicInteger mostConnections = new AtomicInteger();
    List<Long> knownNanos = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(64 + 2);

    List<Future<?>> senders = new ArrayList<>();
    AtomicInteger left = new AtomicInteger(5000);
    for (int t = 0; t < 64; t++) {
      senders.add(pool.submit(() -> {
        while (left.getAndDecrement() > 0) {
          String madeUp = WriteKeys.KEY_START + UUID.randomUUID().toString().replace("-", "");
          int status = stack.post("/v1/batch", madeUp, body).status();
          statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        }
        return null;
      }));
    }
    Future<?> watcher = pool.submit(() -> {
      while (flooding.get()) {
        mostConnections.accumulateAndGet(postgresSessions() - before, Math::max);
        Thread.sleep(20);
      }
      return null;
    });
    Future<?> knownSender = pool.submit(() -> {
      while (flooding.get()) {
        long start = System.nanoTime();
        assertThat(stack.post("/v1/batch", known.key(), body).status()).isEqualTo(200);
        knownNanos.add(System.nanoTime() - start);
        Thread.sleep(10);
      }
      return null;
    });
    for (Future<?> sender : senders) {
      sender.get(5, TimeUnit.MINUTES);
    }
    flooding.set(false);
    watcher.get();
    knownSender.get();
    pool.shutdown();

    assertThat(statuses.keySet()).as("made-up keys: unknown (401) or turned away before a lookup (503)")
        .isSubsetOf(401, 503);
    assertThat(statuses.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(5000);
    assertThat(mostConnections.get()).as("PostgreSQL sessions opened during the flood")
        .isLessThanOrEqualTo(stack.config.postgresPoolSize());
    List<Long> sorted = knownNanos.stream().sorted().toList();
    assertThat(sorted).hasSizeGreaterThan(20);
    long p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
    long p50 = sorted.get(sorted.size() / 2);
    System.out.printf("flood: %s; known key: %d requests, p50 %.1f ms, p99 %.1f ms%n", statuses, sorted.size(), p50 / 1e6, p99 / 1e6);
    // the flood's 64 client threads share this machine's cores with the collector (docs/performance.md)
    assertThat(Duration.ofNanos(p99)).as("the known key's p99 meanwhile").isLessThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void whilePostgresqlIsDownAKeyUsedInTheLastMinuteWorksAndANewKeyGets503() throws Exception {
    WriteKeys.NewKey used = stack.newKey();
    WriteKeys.NewKey fresh = stack.newKey();
    String body = batch(track("m", "Signed Up", "{}"));
    assertThat(stack.post("/v1/batch", used.key(), body).status()).isEqualTo(200);
    try {
      assertThat(RunningCollector.launcher("down", "postgres")).isZero();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < until) {
        assertThat(stack.post("/v1/batch", used.key(), body).status()).as("the key used before the outage").isEqualTo(200);
        Thread.sleep(5000);
      }
      RunningCollector.Answer answer = stack.post("/v1/batch", fresh.key(), body);
      assertThat(answer.status()).as("a key never used before").isEqualTo(503);
      assertThat(answer.retryAfter()).isNotNull();
    } finally {
      assertThat(RunningCollector.launcher("up")).isZero();
    }
    assertThat(stack.post("/v1/batch", fresh.key(), body).status()).as("once PostgreSQL is back").isEqualTo(200);
  }

  /** Client sessions of PostgreSQL, but the one asking. */
  private static int postgresSessions() throws Exception {
    try (Connection c = POSTGRES.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) - 1 FROM pg_stat_activity WHERE backend_type = 'client backend'")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
