package dev.tally.ingest.config;

import dev.tally.schemas.config.Setting;
import dev.tally.schemas.config.TallySettings;
import java.time.Duration;

/**
 * Everything the collector can be told, typed: the {@code TALLY_INGEST_*} {@link Setting}s and the
 * shared Kafka ones, with defaults that run against the local stack, each value checked against its
 * setting's rule when loaded.
 *
 * @param host interface to listen on
 * @param port HTTP port; 0 picks a free one (tests)
 * @param maxRequestBytes largest request body, after decompression (Segment: 500 KB)
 * @param maxEventBytes largest single event (Segment: 32 KB)
 * @param maxEventsPerRequest most events in one request
 * @param maxAhead how far after its reception an event may have happened
 * @param kafkaBootstrap Kafka bootstrap servers
 * @param eventsTopic topic of accepted events
 * @param deadLetterTopic topic of dead letters
 * @param kafkaTimeout how long a send may take before the request fails with 503
 * @param retryAfter what a 503 tells clients to wait
 * @param keyCacheTtl how long a write key lookup is remembered (and so how late a revocation bites)
 * @param keyStaleWhileDown how long past its TTL a known key keeps working while PostgreSQL cannot be asked
 * @param keyLookupsPerSecond most lookups of keys not seen lately, per second
 * @param postgresPoolSize most PostgreSQL connections held for key lookups
 * @param drainTimeout how long shutdown waits for requests in flight
 * @param edge what bounds the load a client can put on the collector
 */
public record IngestConfig(String host, int port, int maxRequestBytes, int maxEventBytes, int maxEventsPerRequest, Duration maxAhead,
    String kafkaBootstrap, String eventsTopic, String deadLetterTopic, Duration kafkaTimeout, Duration retryAfter,
    Duration keyCacheTtl, Duration keyStaleWhileDown, int keyLookupsPerSecond, int postgresPoolSize, Duration drainTimeout, Edge edge) {

  /**
   * @param maxInFlight most requests worked on at once (503 beyond)
   * @param minBytesPerSecond slowest a body may arrive (408 below; 0: no limit)
   * @param keyRequestsPerSecond most requests per second from one key (429 beyond; 0: no limit)
   * @param corsOrigins origins browsers may send from: {@code *} or a comma-separated list
   */
  public record Edge(int maxInFlight, long minBytesPerSecond, int keyRequestsPerSecond, String corsOrigins) {}

  /** From the process environment and the local stack's settings. */
  public static IngestConfig load() {
    return from(TallySettings.load());
  }

  /** From settings in force (each checked against its {@link Setting}'s rule); not null. */
  public static IngestConfig from(TallySettings settings) {
    return new IngestConfig(
        settings.get(Setting.INGEST_HOST),
        settings.getInt(Setting.INGEST_PORT),
        settings.getInt(Setting.INGEST_MAX_REQUEST_BYTES),
        settings.getInt(Setting.INGEST_MAX_EVENT_BYTES),
        settings.getInt(Setting.INGEST_MAX_EVENTS_PER_REQUEST),
        Duration.ofHours(settings.getInt(Setting.INGEST_MAX_AHEAD_HOURS)),
        settings.get(Setting.KAFKA_BOOTSTRAP),
        settings.get(Setting.KAFKA_EVENTS_TOPIC),
        settings.get(Setting.KAFKA_DLQ_TOPIC),
        Duration.ofMillis(settings.getInt(Setting.INGEST_KAFKA_TIMEOUT_MS)),
        Duration.ofSeconds(settings.getInt(Setting.INGEST_RETRY_AFTER_SECONDS)),
        Duration.ofSeconds(settings.getInt(Setting.INGEST_KEY_CACHE_SECONDS)),
        Duration.ofSeconds(settings.getInt(Setting.INGEST_KEY_STALE_SECONDS)),
        settings.getInt(Setting.INGEST_KEY_LOOKUPS_PER_SECOND),
        settings.getInt(Setting.INGEST_PG_POOL_SIZE),
        Duration.ofSeconds(settings.getInt(Setting.INGEST_DRAIN_SECONDS)),
        new Edge(settings.getInt(Setting.INGEST_MAX_IN_FLIGHT), settings.getInt(Setting.INGEST_MIN_BYTES_PER_SECOND),
            settings.getInt(Setting.INGEST_KEY_REQUESTS_PER_SECOND), settings.get(Setting.INGEST_CORS_ORIGINS)));
  }

  public IngestConfig withPort(int newPort) {
    return new IngestConfig(host, newPort, maxRequestBytes, maxEventBytes, maxEventsPerRequest, maxAhead, kafkaBootstrap, eventsTopic,
        deadLetterTopic, kafkaTimeout, retryAfter, keyCacheTtl, keyStaleWhileDown, keyLookupsPerSecond,
        postgresPoolSize, drainTimeout, edge);
  }

  public IngestConfig withKafka(String bootstrap, Duration timeout) {
    return new IngestConfig(host, port, maxRequestBytes, maxEventBytes, maxEventsPerRequest, maxAhead, bootstrap, eventsTopic,
        deadLetterTopic, timeout, retryAfter, keyCacheTtl, keyStaleWhileDown, keyLookupsPerSecond,
        postgresPoolSize, drainTimeout, edge);
  }

  public IngestConfig withTopics(String events, String deadLetters) {
    return new IngestConfig(host, port, maxRequestBytes, maxEventBytes, maxEventsPerRequest, maxAhead, kafkaBootstrap, events,
        deadLetters, kafkaTimeout, retryAfter, keyCacheTtl, keyStaleWhileDown, keyLookupsPerSecond,
        postgresPoolSize, drainTimeout, edge);
  }

  public IngestConfig withKeyCacheTtl(Duration ttl) {
    return new IngestConfig(host, port, maxRequestBytes, maxEventBytes, maxEventsPerRequest, maxAhead, kafkaBootstrap, eventsTopic,
        deadLetterTopic, kafkaTimeout, retryAfter, ttl, keyStaleWhileDown, keyLookupsPerSecond,
        postgresPoolSize, drainTimeout, edge);
  }

  public IngestConfig withKeyLookups(Duration staleWhileDown, int lookupsPerSecond) {
    return new IngestConfig(host, port, maxRequestBytes, maxEventBytes, maxEventsPerRequest, maxAhead, kafkaBootstrap, eventsTopic,
        deadLetterTopic, kafkaTimeout, retryAfter, keyCacheTtl, staleWhileDown, lookupsPerSecond, postgresPoolSize, drainTimeout, edge);
  }

  public IngestConfig withEdge(Edge newEdge) {
    return new IngestConfig(host, port, maxRequestBytes, maxEventBytes, maxEventsPerRequest, maxAhead, kafkaBootstrap, eventsTopic,
        deadLetterTopic, kafkaTimeout, retryAfter, keyCacheTtl, keyStaleWhileDown, keyLookupsPerSecond, postgresPoolSize, drainTimeout,
        newEdge);
  }
}
