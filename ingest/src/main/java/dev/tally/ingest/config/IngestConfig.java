package dev.tally.ingest.config;

import dev.tally.schemas.config.Setting;
import dev.tally.schemas.config.TallySettings;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the collector can be told, in one place, with defaults that run against the local
 * stack. Each {@link Option} is an environment variable; Kafka's address and topics are the shared
 * {@link Setting}s of {@code schemas}. Values are validated when loaded.
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
 * @param drainTimeout how long shutdown waits for requests in flight
 */
public record IngestConfig(String host, int port, int maxRequestBytes, int maxEventBytes, int maxEventsPerRequest, Duration maxAhead,
    String kafkaBootstrap, String eventsTopic, String deadLetterTopic, Duration kafkaTimeout, Duration retryAfter,
    Duration keyCacheTtl, Duration drainTimeout) {

  /** The collector's own settings: variable, default, meaning. */
  public enum Option {
    HOST("TALLY_INGEST_HOST", "127.0.0.1", "Interface the collector listens on"),
    PORT("TALLY_INGEST_PORT", "8088", "HTTP port of the collector"),
    MAX_REQUEST_BYTES("TALLY_INGEST_MAX_REQUEST_BYTES", "512000", "Largest request body in bytes, after decompression (413 above)"),
    MAX_EVENT_BYTES("TALLY_INGEST_MAX_EVENT_BYTES", "32768", "Largest event in bytes (rejected above)"),
    MAX_EVENTS_PER_REQUEST("TALLY_INGEST_MAX_EVENTS_PER_REQUEST", "10000", "Most events in one request (413 above), so one request cannot ask for a huge answer"),
    MAX_AHEAD_HOURS("TALLY_INGEST_MAX_AHEAD_HOURS", "24", "Events that happened more than this many hours after reception are dead-lettered"),
    KAFKA_TIMEOUT_MS("TALLY_INGEST_KAFKA_TIMEOUT_MS", "10000", "How long Kafka may take to acknowledge before the request gets 503"),
    RETRY_AFTER_SECONDS("TALLY_INGEST_RETRY_AFTER_SECONDS", "5", "Retry-After of a 503"),
    KEY_CACHE_SECONDS("TALLY_INGEST_KEY_CACHE_SECONDS", "10", "How long a write key lookup is cached (a revoked key works at most this long)"),
    DRAIN_SECONDS("TALLY_INGEST_DRAIN_SECONDS", "30", "How long shutdown waits for requests in flight");

    private final String variable;
    private final String defaultValue;
    private final String description;

    Option(String variable, String defaultValue, String description) {
      this.variable = variable;
      this.defaultValue = defaultValue;
      this.description = description;
    }

    public String variable() {
      return variable;
    }

    public String defaultValue() {
      return defaultValue;
    }

    public String description() {
      return description;
    }

    String from(Map<String, String> environment) {
      String value = environment.get(variable);
      return value == null || value.isBlank() ? defaultValue : value.strip();
    }

    long number(Map<String, String> environment, long min, long max) {
      String value = from(environment);
      try {
        long number = Long.parseLong(value);
        if (number < min || number > max) {
          throw new IllegalArgumentException(variable + " must be from " + min + " to " + max + ", was " + number);
        }
        return number;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(variable + " must be a whole number, was '" + value + "'", e);
      }
    }
  }

  /** From the process environment and the local stack's settings. */
  public static IngestConfig load() {
    return load(System.getenv(), TallySettings.load());
  }

  /** From explicit values; neither may be null. */
  public static IngestConfig load(Map<String, String> environment, TallySettings settings) {
    return new IngestConfig(
        Option.HOST.from(environment),
        (int) Option.PORT.number(environment, 0, 65535),
        (int) Option.MAX_REQUEST_BYTES.number(environment, 1024, 64L << 20),
        (int) Option.MAX_EVENT_BYTES.number(environment, 256, 64L << 20),
        (int) Option.MAX_EVENTS_PER_REQUEST.number(environment, 1, 1_000_000),
        Duration.ofHours(Option.MAX_AHEAD_HOURS.number(environment, 0, 24 * 365)),
        settings.get(Setting.KAFKA_BOOTSTRAP),
        settings.get(Setting.KAFKA_EVENTS_TOPIC),
        settings.get(Setting.KAFKA_DLQ_TOPIC),
        Duration.ofMillis(Option.KAFKA_TIMEOUT_MS.number(environment, 1000, 300_000)),
        Duration.ofSeconds(Option.RETRY_AFTER_SECONDS.number(environment, 1, 3600)),
        Duration.ofSeconds(Option.KEY_CACHE_SECONDS.number(environment, 0, 3600)),
        Duration.ofSeconds(Option.DRAIN_SECONDS.number(environment, 0, 3600)));
  }

  public IngestConfig withPort(int newPort) {
    return new IngestConfig(host, newPort, maxRequestBytes, maxEventBytes, maxEventsPerRequest, maxAhead, kafkaBootstrap, eventsTopic,
        deadLetterTopic, kafkaTimeout, retryAfter, keyCacheTtl, drainTimeout);
  }

  public IngestConfig withKafka(String bootstrap, Duration timeout) {
    return new IngestConfig(host, port, maxRequestBytes, maxEventBytes, maxEventsPerRequest, maxAhead, bootstrap, eventsTopic,
        deadLetterTopic, timeout, retryAfter, keyCacheTtl, drainTimeout);
  }

  public IngestConfig withTopics(String events, String deadLetters) {
    return new IngestConfig(host, port, maxRequestBytes, maxEventBytes, maxEventsPerRequest, maxAhead, kafkaBootstrap, events,
        deadLetters, kafkaTimeout, retryAfter, keyCacheTtl, drainTimeout);
  }

  public IngestConfig withKeyCacheTtl(Duration ttl) {
    return new IngestConfig(host, port, maxRequestBytes, maxEventBytes, maxEventsPerRequest, maxAhead, kafkaBootstrap, eventsTopic,
        deadLetterTopic, kafkaTimeout, retryAfter, ttl, drainTimeout);
  }
}
