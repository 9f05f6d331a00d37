package dev.tally.ingest.kafka;

import dev.tally.ingest.config.IngestConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes records to Kafka and returns only when the broker has acknowledged all of them
 * ({@code acks=all}, idempotent producer). A send that fails or outlasts the producer's delivery
 * timeout fails the whole call. After a failure the publisher fails fast for every caller except
 * one probe per {@code retryAfter}, so an outage costs clients a quick 503 rather than a long wait.
 */
public final class EventPublisher implements AutoCloseable {

  private final Producer<String, byte[]> producer;
  private final Duration timeout;
  private final long probeEveryNanos;
  private final Timer sendLatency;
  private final AtomicLong failingSince = new AtomicLong(0);
  private final AtomicLong nextProbeAt = new AtomicLong(0);

  public EventPublisher(IngestConfig config, MeterRegistry metrics) {
    this.producer = new KafkaProducer<>(producerConfig(config));
    this.timeout = config.kafkaTimeout();
    this.probeEveryNanos = config.retryAfter().toNanos();
    this.sendLatency = Timer.builder("tally_ingest_kafka_send")
        .description("Time from handing a request's records to the producer until Kafka acknowledged all of them")
        .publishPercentiles(0.5, 0.99)
        .register(metrics);
  }

  /** The producer settings of the collector: acks=all, idempotent, lz4, timeouts from the config. */
  public static Properties producerConfig(IngestConfig config) {
    long timeoutMs = config.kafkaTimeout().toMillis();
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "tally-ingest");
    // Every record gets its callback within delivery.timeout.ms: the request waits for exactly that.
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(500, timeoutMs / 2 - 10));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs / 2);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return p;
  }

  /**
   * Sends every record and waits for all acknowledgements.
   *
   * @throws KafkaUnavailableException when any record was not acknowledged (the caller must not
   *     report any of them as stored)
   */
  public void publish(List<ProducerRecord<String, byte[]>> records) throws KafkaUnavailableException, InterruptedException {
    if (records.isEmpty()) {
      return;
    }
    if (!mayTry()) {
      throw new KafkaUnavailableException("Kafka has been failing for " + secondsFailing() + " s", null);
    }
    long start = System.nanoTime();
    List<CompletableFuture<Void>> acks = new ArrayList<>(records.size());
    try {
      for (ProducerRecord<String, byte[]> record : records) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        producer.send(record, (metadata, error) -> {
          if (error == null) {
            ack.complete(null);
          } else {
            ack.completeExceptionally(error);
          }
        });
        acks.add(ack);
        if (ack.isCompletedExceptionally()) {
          break; // the producer failed it at once (no metadata within max.block.ms): the rest would wait as long each
        }
      }
      // The producer calls back by delivery.timeout.ms at the latest; the margin covers max.block.ms.
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
          .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      failingSince.compareAndSet(0, System.nanoTime());
      nextProbeAt.set(System.nanoTime() + probeEveryNanos);
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new KafkaUnavailableException("Kafka did not acknowledge the records: " + cause, cause);
    }
    failingSince.set(0);
    sendLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
  }

  /** True while the last send failed and no probe has succeeded since. */
  public boolean failing() {
    return failingSince.get() != 0;
  }

  private boolean mayTry() {
    if (failingSince.get() == 0) {
      return true;
    }
    long probeAt = nextProbeAt.get();
    return System.nanoTime() >= probeAt && nextProbeAt.compareAndSet(probeAt, System.nanoTime() + probeEveryNanos);
  }

  private long secondsFailing() {
    long since = failingSince.get();
    return since == 0 ? 0 : TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
  }

  @Override
  public void close() {
    producer.close(timeout);
  }
}
