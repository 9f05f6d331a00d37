package dev.tally.bench.stream;

import dev.tally.schemas.config.Setting;
import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.db.DataSources;
import dev.tally.schemas.db.NamedSql;
import dev.tally.schemas.db.SqlResource;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.EventCodec;
import dev.tally.schemas.setup.ClickHouseMigrations;
import dev.tally.schemas.setup.KafkaTopics;
import dev.tally.stream.sink.EventBatch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ru.yandex.clickhouse.ClickHouseConnection;

/**
 * {@code infra/tally bench stream}: the stream jobs' sustained events per second from Kafka
 * through every job into ClickHouse and PostgreSQL (a bounded run over events already in Kafka,
 * timed from when all tasks run to when every sink flushed), beside this machine's ceiling measured
 * in the same run: a plain Kafka consumer decoding the same Avro records, and that consumer also
 * loading every event into a copy of ClickHouse {@code events} as the raw loader does (the loading
 * floor: work any design of the jobs does before a single metric). Then freshness at a fixed
 * rate: for every event sent, the time until ClickHouse {@code metrics_minute} has a version of its
 * minute that counts it. The stream jobs run as a child process, exactly as
 * {@code infra/tally stream start} runs them (local MiniCluster), on their own topics, ClickHouse
 * database and consumer groups; their PostgreSQL rows are deleted afterwards.
 */
@Command(name = "bench-stream", mixinStandardHelpOptions = true, description = "Benchmarks the stream jobs against a plain Kafka consumer.")
public final class StreamBenchmark implements Callable<Integer> {

  /** The loading floor's database: a copy of the job's {@code events} table, dropped after it ran. */
  private static final String FLOOR_DATABASE = "tally_bench_stream_floor";
  private static final Pattern PROCESSED = Pattern.compile("processed in (\\d+) ms");

  @Option(names = "--events", defaultValue = "1000000", description = "Events for the throughput runs (default ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--rate", defaultValue = "100000", description = "Events per second of the freshness run (default ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--seconds", defaultValue = "30", description = "Seconds of sending in the freshness run, after its warm-up (default ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--warm-up-seconds", defaultValue = "30",
      description = "Seconds of sending at --rate to the just started job before freshness is measured (reported apart; default ${DEFAULT-VALUE}).")
  int warmUpSeconds;

  @Option(names = "--organizations", defaultValue = "100", description = "Organizations (default ${DEFAULT-VALUE}).")
  int organizations;

  @Option(names = "--soak-minutes", defaultValue = "0",
      description = "Instead of the throughput and freshness runs: send at --rate for N minutes to a running job and sample its RSS and heap after GC every 10 s (default: no soak).")
  int soakMinutes;

  @Option(names = "--users", defaultValue = "200", description = "Users per organization (default ${DEFAULT-VALUE}; fewer users, longer sessions).")
  int users;

  @Option(names = "--server-pids", defaultValue = "", description = "name=pid,... of the local servers whose CPU time to count (set by infra/tally).")
  String serverPids;

  @Option(names = "--stream-command", required = true, description = "The stream jobs' java command line, one argument per option (set by infra/tally).")
  List<String> streamCommand;

  private TallySettings settings;
  private final String run = Long.toString(System.currentTimeMillis(), 36);
  private final List<String> orgs = new ArrayList<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new StreamBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    settings = TallySettings.load();
    for (int i = 0; i < organizations; i++) {
      orgs.add(UUID.randomUUID().toString());
    }
    String loadTopic = "tally.bench.stream." + run + ".load";
    String freshTopic = "tally.bench.stream." + run + ".fresh";
    String lateTopic = "tally.bench.stream." + run + ".late";
    String database = "tally_bench_stream";
    KafkaTopics topics = new KafkaTopics(settings.get(Setting.KAFKA_BOOTSTRAP));
    int partitions = settings.getInt(Setting.KAFKA_PARTITIONS);
    topics.ensure(List.of(loadTopic, freshTopic), partitions);
    topics.ensure(List.of(lateTopic), 1);
    execute(DataSources.clickhouseServer(settings), "DROP DATABASE IF EXISTS " + database);
    new ClickHouseMigrations(DataSources.clickhouseServer(settings), DataSources.clickhouseWriter(settings, database),
        database, ClickHouseMigrations.DEFAULT_LOCATION).migrate();
    Path checkpoints = Files.createTempDirectory("tally-bench-stream");

    System.out.printf(Locale.ROOT, "Stream benchmark %s: %,d events, %d organizations x %d users, %d Kafka partitions, %d cores, load average %s%n",
        Instant.now(), events, organizations, users, partitions, Runtime.getRuntime().availableProcessors(), loadAverage());
    try {
      if (soakMinutes > 0) {
        Map<String, String> env = new HashMap<>(Map.of(
            "TALLY_KAFKA_EVENTS_TOPIC", freshTopic, "TALLY_KAFKA_LATE_TOPIC", lateTopic, "TALLY_CH_DATABASE", database,
            "TALLY_STREAM_CONSUMER_GROUP", "bench-" + run + "-soak",
            "TALLY_STREAM_CHECKPOINT_DIR", checkpoints.resolve("soak").toString()));
        return soak(freshTopic, env);
      }
      BenchEvents generator = new BenchEvents(orgs, users, 7);
      long produceStart = System.nanoTime();
      // event time paced like live traffic at --rate, ending now: the job's state holds what an
      // hour at that rate would make it hold, not hours of ids squeezed into seconds
      long spreadMs = events * 1000 / rate;
      Instant base = Instant.now().minusMillis(spreadMs);
      try (KafkaProducer<byte[], byte[]> producer = producer()) {
        EventCodec<AnalyticsEvent> codec = EventCodec.analyticsEvents();
        for (long i = 0; i < events; i++) {
          Instant at = base.plusMillis(i * spreadMs / events);
          AnalyticsEvent e = generator.next(generator.organization(i), at, at.plusMillis(120));
          producer.send(new ProducerRecord<>(loadTopic, e.getOrganizationId().getBytes(StandardCharsets.UTF_8), codec.encode(e)));
        }
      }
      System.out.printf(Locale.ROOT, "(loaded %,d events into %s in %.1f s; not measured)%n", events, loadTopic,
          (System.nanoTime() - produceStart) / 1e9);

      CpuTime servers = CpuTime.of(serverPids);
      Map<String, Long> before = servers.read();
      long benchCpuBefore = CpuTime.cpuMillis(ProcessHandle.current());
      double consumerSeconds = plainConsumer(loadTopic, "plain", null);
      Map<String, Long> consumerCpu = CpuTime.used(before, servers.read());
      consumerCpu.put("plain consumer JVM", CpuTime.cpuMillis(ProcessHandle.current()) - benchCpuBefore);
      execute(DataSources.clickhouseServer(settings), "CREATE DATABASE " + FLOOR_DATABASE);
      execute(DataSources.clickhouseServer(settings), "CREATE TABLE " + FLOOR_DATABASE + ".events AS " + database + ".events");
      before = servers.read();
      benchCpuBefore = CpuTime.cpuMillis(ProcessHandle.current());
      double floorSeconds = plainConsumer(loadTopic, "floor", FLOOR_DATABASE);
      Map<String, Long> floorCpu = CpuTime.used(before, servers.read());
      floorCpu.put("plain consumer JVM", CpuTime.cpuMillis(ProcessHandle.current()) - benchCpuBefore);
      execute(DataSources.clickhouseServer(settings), "DROP DATABASE " + FLOOR_DATABASE);
      Map<String, String> env = new HashMap<>(Map.of(
          "TALLY_KAFKA_EVENTS_TOPIC", loadTopic, "TALLY_KAFKA_LATE_TOPIC", lateTopic, "TALLY_CH_DATABASE", database,
          "TALLY_STREAM_CONSUMER_GROUP", "bench-" + run + "-load",
          "TALLY_STREAM_CHECKPOINT_DIR", checkpoints.resolve("load").toString()));
      StreamProcess bounded = StreamProcess.start(streamCommand, List.of("run", "--bounded", "--fresh"), env);
      bounded.running.await(120, TimeUnit.SECONDS);
      before = servers.read();
      int exit = bounded.process.waitFor();
      bounded.stopSampling();
      Map<String, Long> streamCpu = CpuTime.used(before, servers.read());
      streamCpu.put("stream JVM", bounded.cpuMillisSinceRunning());
      Matcher m = PROCESSED.matcher(bounded.output());
      if (exit != 0 || !m.find()) {
        System.out.println("the bounded stream run failed (exit " + exit + "):\n" + bounded.output());
        return 1;
      }
      double streamSeconds = Long.parseLong(m.group(1)) / 1000.0;
      System.out.println();
      System.out.printf(Locale.ROOT, "%-58s %12s %9s %12s%n", "throughput (same events, same broker)", "events", "seconds", "events/s");
      System.out.printf(Locale.ROOT, "%-58s %,12d %9.1f %,12.0f%n", "plain Kafka consumer, Avro decoding (ceiling)", events,
          consumerSeconds, events / consumerSeconds);
      System.out.printf(Locale.ROOT, "%-58s %,12d %9.1f %,12.0f%n", "plain consumer + raw rows into ClickHouse (loading floor)", events,
          floorSeconds, events / floorSeconds);
      System.out.printf(Locale.ROOT, "%-58s %,12d %9.1f %,12.0f%n", "stream jobs (MiniCluster, all sinks flushed)", events,
          streamSeconds, events / streamSeconds);
      System.out.printf(Locale.ROOT, "stream / ceiling: %.2f; stream JVM (JobManager + TaskManager in one MiniCluster) max RSS %,d MB%n",
          consumerSeconds / streamSeconds, bounded.maxRssKb() / 1024);
      System.out.println(counts(database));
      System.out.println(cpuPerEvent("plain consumer", consumerCpu));
      System.out.println(cpuPerEvent("loading floor", floorCpu));
      System.out.println(cpuPerEvent("stream jobs", streamCpu));
      System.out.printf(Locale.ROOT, "stream jobs CPU per event / loading floor's: %.2f%n", microsPerEvent(streamCpu) / microsPerEvent(floorCpu));

      env.put("TALLY_KAFKA_EVENTS_TOPIC", freshTopic);
      env.put("TALLY_STREAM_CONSUMER_GROUP", "bench-" + run + "-fresh");
      env.put("TALLY_STREAM_CHECKPOINT_DIR", checkpoints.resolve("fresh").toString());
      Freshness fresh = freshness(freshTopic, database, env);
      System.out.printf(Locale.ROOT, "load average at the end: %s%n", loadAverage());
      System.out.printf(Locale.ROOT, "summary events_per_s=%.0f ceiling_per_s=%.0f floor_us=%.1f job_us=%.1f p99_freshness_ms=%.0f max_rss_mb=%d%n",
          events / streamSeconds, events / consumerSeconds, microsPerEvent(floorCpu), microsPerEvent(streamCpu), fresh.p99Millis(),
          Math.max(bounded.maxRssKb(), fresh.maxRssKb()) / 1024);
      return 0;
    } finally {
      cleanUp(List.of(loadTopic, freshTopic, lateTopic), database);
    }
  }

  private KafkaProducer<byte[], byte[]> producer() {
    Properties config = new Properties();
    config.put("bootstrap.servers", settings.get(Setting.KAFKA_BOOTSTRAP));
    config.put("acks", "all");
    config.put("enable.idempotence", "true");
    config.put("compression.type", "lz4");
    config.put("linger.ms", "10");
    config.put("batch.size", Integer.toString(256 * 1024));
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * Seconds a plain consumer takes to read and decode the whole topic; with {@code loadInto}, also
   * to load every event into that ClickHouse database's {@code events} as the stream's raw loader
   * does ({@link EventBatch}, batches of its size, synchronous on the consumer's thread): the work
   * every design of the stream jobs does before any metric.
   */
  private double plainConsumer(String topic, String group, String loadInto) throws Exception {
    Properties config = new Properties();
    config.put("bootstrap.servers", settings.get(Setting.KAFKA_BOOTSTRAP));
    config.put("group.id", "bench-" + run + "-" + group);
    config.put("auto.offset.reset", "earliest");
    config.put("enable.auto.commit", "false");
    config.put("max.poll.records", "5000");
    config.put("fetch.max.bytes", Integer.toString(64 * 1024 * 1024));
    config.put("max.partition.fetch.bytes", Integer.toString(8 * 1024 * 1024));
    EventCodec<AnalyticsEvent> codec = EventCodec.analyticsEvents();
    int batchRows = settings.getInt(Setting.STREAM_LOADER_BATCH_ROWS);
    EventBatch batch = loadInto == null ? null : new EventBatch();
    long read = 0;
    long checksum = 0;
    long start = System.nanoTime();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Connection clickhouse = loadInto == null ? null : DataSources.clickhouseWriter(settings, loadInto).getConnection()) {
      consumer.subscribe(List.of(topic));
      while (read < events) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<byte[], byte[]> r : records) {
          AnalyticsEvent event = codec.decode(r.value());
          checksum += event.getEventType().length();
          read++;
          if (batch != null) {
            batch.add(event);
            if (batch.size() >= batchRows) {
              loadRaw(clickhouse, batch);
            }
          }
        }
      }
      if (batch != null) {
        loadRaw(clickhouse, batch);
      }
    }
    if (checksum == 0) {
      throw new IllegalStateException("decoded nothing");
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static void loadRaw(Connection clickhouse, EventBatch batch) throws Exception {
    if (!batch.isEmpty()) {
      batch.sendTo(clickhouse.unwrap(ClickHouseConnection.class));
      batch.clear();
    }
  }

  /** What the freshness run measured. */
  record Freshness(double p99Millis, long maxRssKb) {}

  /** Sends at {@link #rate} for {@link #seconds} to a running stream job and measures freshness. */
  private Freshness freshness(String topic, String database, Map<String, String> env) throws Exception {
    StreamProcess job = runningJob(env);
    if (job == null) {
      return new Freshness(Double.NaN, 0);
    }
    Map<String, SentMinute> sent = new HashMap<>();
    FreshnessOverTime freshness = new FreshnessOverTime(System.nanoTime(), TimeUnit.SECONDS.toNanos(warmUpSeconds));
    AtomicLong visible = new AtomicLong();
    long startMillis = System.currentTimeMillis();
    Thread poller = new Thread(() -> poll(database, startMillis, sent, freshness, visible), "freshness-poller");
    poller.setDaemon(true);
    poller.start();

    Sent sending = sendLive(topic, 11, Duration.ofSeconds(warmUpSeconds + seconds), (org, sentAt) -> {
      synchronized (sent) {
        sent.computeIfAbsent(org + "|" + (sentAt / 60_000 * 60), k -> new SentMinute()).add(System.nanoTime());
      }
    }, (elapsed, count) -> { });
    long count = sending.count();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (visible.get() < count && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    poller.interrupt(); // before the job and its tables go: a poll of a dropped table only printed an error
    poller.join(TimeUnit.SECONDS.toMillis(10));
    job.stop();
    System.out.println();
    System.out.printf(Locale.ROOT, "freshness at %,d events/s for %d s after %d s of warm-up (received -> its minute counts it in ClickHouse metrics_minute):%n",
        rate, seconds, warmUpSeconds);
    System.out.printf(Locale.ROOT, "  sent %,d events (%,.0f/s achieved), visible %,d (%.1f %%) within 90 s after sending stopped%n",
        count, sending.perSecond(), visible.get(), 100.0 * visible.get() / count);
    System.out.printf(Locale.ROOT, "  after the warm-up: p50 %,.0f ms, p99 %,.0f ms; during it: p50 %,.0f ms, p99 %,.0f ms (of the visible ones)%n",
        freshness.percentileMillis(50), freshness.percentileMillis(99), freshness.warmUpPercentileMillis(50),
        freshness.warmUpPercentileMillis(99));
    System.out.printf(Locale.ROOT, "  stream JVM max RSS %,d MB%n", job.maxRssKb() / 1024);
    System.out.println("  " + freshness.p99PerSlice());
    return new Freshness(freshness.percentileMillis(99), job.maxRssKb());
  }

  /**
   * Sends live events at {@link #rate} for {@link #soakMinutes} to a running job and, every 10 s,
   * samples the stream JVM's RSS and its heap after a full GC ({@code jcmd GC.run}, then
   * {@code GC.heap_info}): state that grows with time shows as a heap that keeps growing.
   */
  private int soak(String topic, Map<String, String> env) throws Exception {
    StreamProcess job = runningJob(env);
    if (job == null) {
      return 1;
    }
    System.out.printf(Locale.ROOT, "soak: %,d events/s for %d minutes; every 10 s the stream JVM's RSS and heap after a full GC%n",
        rate, soakMinutes);
    System.out.printf(Locale.ROOT, "%8s %14s %10s %14s%n", "seconds", "events sent", "RSS MB", "heap MB (GC)");
    List<long[]> samples = new ArrayList<>();
    long[] nextSample = {TimeUnit.SECONDS.toNanos(10)};
    Sent sending = sendLive(topic, 13, Duration.ofMinutes(soakMinutes), (org, sentAt) -> { }, (elapsed, count) -> {
      if (elapsed >= nextSample[0]) {
        long rssKb = job.rssKb();
        long heapKb = heapAfterGcKb(job.process.pid());
        samples.add(new long[] {rssKb, heapKb});
        System.out.printf(Locale.ROOT, "%8d %,14d %,10d %,14d%n", elapsed / 1_000_000_000L, count, rssKb / 1024, heapKb / 1024);
        nextSample[0] += TimeUnit.SECONDS.toNanos(10);
      }
    });
    job.stop();
    System.out.printf(Locale.ROOT, "summary events_per_s=%.0f max_rss_mb=%d max_heap_after_gc_mb=%d rss_growth=%.2f heap_growth=%.2f%n",
        sending.perSecond(), job.maxRssKb() / 1024, samples.stream().mapToLong(s -> s[1]).max().orElse(0) / 1024,
        growth(samples, 0), growth(samples, 1));
    return 0;
  }

  /** How many events a live send sent, in how many seconds. */
  record Sent(long count, double seconds) {
    double perSecond() {
      return count / seconds;
    }
  }

  /** Called between bursts of a live send with the nanoseconds since it began and the events sent so far. */
  interface Tick {
    void at(long elapsedNanos, long count) throws Exception;
  }

  /**
   * Sends live events (occurred and received now) at {@link #rate} for {@code duration}, each one
   * followed by {@code each} with its organization and sending time (epoch ms), and {@code tick}
   * between bursts (a burst: the events due since the last one, about every millisecond).
   */
  private Sent sendLive(String topic, long seed, Duration duration, BiConsumer<String, Long> each, Tick tick) throws Exception {
    BenchEvents generator = new BenchEvents(orgs, users, seed);
    EventCodec<AnalyticsEvent> codec = EventCodec.analyticsEvents();
    long count = 0;
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      long now;
      while ((now = System.nanoTime()) < end) {
        long due = (now - start) * rate / 1_000_000_000L;
        while (count < due) {
          String org = generator.organization(count);
          long sentAt = System.currentTimeMillis();
          Instant at = Instant.ofEpochMilli(sentAt);
          producer.send(new ProducerRecord<>(topic, org.getBytes(StandardCharsets.UTF_8), codec.encode(generator.next(org, at, at))));
          each.accept(org, sentAt);
          count++;
        }
        tick.at(now - start, count);
        Thread.sleep(1);
      }
    }
    return new Sent(count, (System.nanoTime() - start) / 1e9);
  }

  /** The mean of the last third of the samples' {@code column} over the middle third's (NaN with fewer than three). */
  private static double growth(List<long[]> samples, int column) {
    int third = samples.size() / 3;
    return third == 0 ? Double.NaN : mean(samples.subList(2 * third, samples.size()), column) / mean(samples.subList(third, 2 * third), column);
  }

  /** An unbounded stream job started without state, once it runs; null (its output printed) when it did not start in 120 s. */
  private StreamProcess runningJob(Map<String, String> env) throws Exception {
    StreamProcess job = StreamProcess.start(streamCommand, List.of("run", "--fresh"), env);
    if (!job.running.await(120, TimeUnit.SECONDS)) {
      job.process.destroy();
      System.out.println("the stream job did not start within 120 s:\n" + job.output());
      return null;
    }
    return job;
  }

  private static double mean(List<long[]> samples, int column) {
    return samples.stream().mapToLong(s -> s[column]).average().orElse(Double.NaN);
  }

  /** The heap in use after a full GC of process {@code pid}, from {@code jcmd}; 0 when jcmd cannot tell. */
  private static long heapAfterGcKb(long pid) {
    try {
      run("jcmd", Long.toString(pid), "GC.run");
      Matcher used = Pattern.compile("used (\\d+)K").matcher(run("jcmd", Long.toString(pid), "GC.heap_info"));
      return used.find() ? Long.parseLong(used.group(1)) : 0;
    } catch (Exception e) {
      return 0;
    }
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(30, TimeUnit.SECONDS);
    return output;
  }

  private void poll(String database, long startMillis, Map<String, SentMinute> sent, FreshnessOverTime freshness,
      AtomicLong visible) {
    NamedSql sql = NamedSql.read(StreamBenchmark.class, "visible-minutes.sql");
    try (Connection c = DataSources.clickhouseWriter(settings, database).getConnection();
        PreparedStatement s = c.prepareStatement(sql.jdbc())) {
      s.setLong(sql.at("since"), startMillis / 1000 - 120);
      while (true) {
        try (ResultSet rs = s.executeQuery()) {
          long now = System.nanoTime();
          synchronized (sent) {
            while (rs.next()) {
              SentMinute minute = sent.get(rs.getString(1) + "|" + rs.getLong(2));
              if (minute != null) {
                visible.addAndGet(minute.seen(rs.getLong(3), now, freshness));
              }
            }
          }
        }
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      System.out.println("freshness poller stopped: " + e.getMessage());
    }
  }

  /**
   * CPU time per event of one run, by process: unlike wall time, it does not depend on what else
   * runs on the machine, and the total bounds the events per second its cores can sustain.
   */
  private double microsPerEvent(Map<String, Long> cpuMillis) {
    return cpuMillis.values().stream().mapToLong(Long::longValue).sum() * 1000.0 / events;
  }

  private String cpuPerEvent(String name, Map<String, Long> cpuMillis) {
    long total = cpuMillis.values().stream().mapToLong(Long::longValue).sum();
    String parts = cpuMillis.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() * 1000.0 / events))
        .collect(Collectors.joining(", "));
    int cores = Runtime.getRuntime().availableProcessors();
    return String.format(Locale.ROOT, "CPU µs per event, %s: %.1f (%s); %d cores busy with nothing else would do %,.0f events/s",
        name, total * 1000.0 / events, parts, cores, total == 0 ? 0 : cores * 1000.0 * events / total);
  }

  private String counts(String database) throws Exception {
    try (Connection c = DataSources.clickhouseWriter(settings, database).getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(SqlResource.read(StreamBenchmark.class, "written-rows.sql"))) {
      rs.next();
      return String.format(Locale.ROOT, "(written: %,d raw events, %,d organization-minutes)", rs.getLong(1), rs.getLong(2));
    }
  }

  private void cleanUp(List<String> topics, String database) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", settings.get(Setting.KAFKA_BOOTSTRAP)))) {
      admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
      execute(DataSources.clickhouseServer(settings), "DROP DATABASE IF EXISTS " + database);
      execute(DataSources.clickhouseServer(settings), "DROP DATABASE IF EXISTS " + FLOOR_DATABASE);
      String in = orgs.stream().map(o -> "'" + o + "'").collect(Collectors.joining(",", "(", ")"));
      execute(DataSources.postgres(settings), "DELETE FROM rolling_metrics WHERE organization_id IN " + in);
      execute(DataSources.postgres(settings), "DELETE FROM user_sessions WHERE organization_id IN " + in);
    } catch (Exception e) {
      System.out.println("cleaning up failed: " + e.getMessage());
    }
  }

  private static void execute(javax.sql.DataSource ds, String sql) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String loadAverage() {
    try {
      return String.join(" ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
    } catch (Exception e) {
      return "?";
    }
  }

  /** Send times (nanoTime) of one organization-minute's events, in sending order. */
  static final class SentMinute {
    private long[] sent = new long[64];
    private int count;
    private int visible;

    void add(long nanos) {
      if (count == sent.length) {
        sent = Arrays.copyOf(sent, count * 2);
      }
      sent[count++] = nanos;
    }

    /** Records the freshness of the events a row with {@code version} (events counted) newly shows. */
    int seen(long version, long now, FreshnessOverTime freshness) {
      int upTo = (int) Math.min(version, count);
      int newly = 0;
      for (; visible < upTo; visible++) {
        freshness.record(sent[visible], now - sent[visible]);
        newly++;
      }
      return newly;
    }
  }

  /** The stream jobs as a child process: its output, when it runs, and its peak resident memory. */
  static final class StreamProcess {
    final Process process;
    final CountDownLatch running = new CountDownLatch(1);
    private final StringBuffer output = new StringBuffer();
    private volatile long maxRssKb;
    private volatile long cpuMillis;
    private volatile long cpuMillisAtRunning = -1;
    private volatile boolean sampling = true;

    private StreamProcess(Process process) {
      this.process = process;
    }

    static StreamProcess start(List<String> command, List<String> args, Map<String, String> env) throws Exception {
      List<String> full = new ArrayList<>(command);
      full.addAll(args);
      ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
      builder.environment().putAll(env);
      StreamProcess p = new StreamProcess(builder.start());
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            p.output.append(line).append('\n');
            if (line.startsWith("job ") && line.endsWith(" running") && p.running.getCount() > 0) {
              p.cpuMillisAtRunning = CpuTime.cpuMillis(p.process.toHandle());
              p.running.countDown();
            }
          }
        } catch (Exception ignored) {
          // the process ended
        }
      });
      reader.setDaemon(true);
      reader.start();
      Thread sampler = new Thread(() -> {
        Path status = Path.of("/proc/" + p.process.pid() + "/status");
        while (p.sampling && p.process.isAlive()) {
          try {
            for (String line : Files.readAllLines(status)) {
              if (line.startsWith("VmRSS:")) {
                p.maxRssKb = Math.max(p.maxRssKb, Long.parseLong(line.replaceAll("[^0-9]", "")));
              }
            }
            p.cpuMillis = Math.max(p.cpuMillis, CpuTime.cpuMillis(p.process.toHandle()));
            Thread.sleep(100);
          } catch (Exception e) {
            return;
          }
        }
      });
      sampler.setDaemon(true);
      sampler.start();
      return p;
    }

    void stopSampling() {
      sampling = false;
    }

    /** Ends the process (waiting up to 30 s) and its sampling. */
    void stop() throws InterruptedException {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
      stopSampling();
    }

    /** CPU time from when the job ran to the last sample before it ended (100 ms apart). */
    long cpuMillisSinceRunning() {
      return cpuMillis - Math.max(0, cpuMillisAtRunning);
    }

    long maxRssKb() {
      return maxRssKb;
    }

    /** The process's resident memory now. */
    long rssKb() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
          if (line.startsWith("VmRSS:")) {
            return Long.parseLong(line.replaceAll("[^0-9]", ""));
          }
        }
      } catch (Exception e) {
        // the process ended
      }
      return 0;
    }

    String output() {
      return output.toString();
    }
  }
}
