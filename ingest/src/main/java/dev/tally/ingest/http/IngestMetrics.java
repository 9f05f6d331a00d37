package dev.tally.ingest.http;

import dev.tally.ingest.event.Rule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/** The collector's counters and timers, scraped at {@code GET /metrics}. Every event that is not accepted is counted with its reason. */
public final class IngestMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();

  public IngestMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    gc.bindTo(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public void accepted(String endpoint, int count) {
    Counter.builder("tally_ingest_events_accepted").description("Events acknowledged by Kafka on the events topic")
        .tag("endpoint", endpoint).register(registry).increment(count);
  }

  public void rejected(Rule rule) {
    Counter.builder("tally_ingest_events_rejected").description("Events refused, by rule (dead-lettered ones included)")
        .tag("reason", rule.tag()).register(registry).increment();
  }

  public void deadLettered(Rule rule) {
    Counter.builder("tally_ingest_events_dead_lettered").description("Events written to the dead-letter topic, by rule")
        .tag("reason", rule.tag()).register(registry).increment();
  }

  public void request(String endpoint, int status, long nanos) {
    Timer.builder("tally_ingest_request").description("Request latency, from the first byte read to the answer")
        .tag("endpoint", endpoint).tag("status", Integer.toString(status))
        .publishPercentiles(0.5, 0.99)
        .distributionStatisticExpiry(Duration.ofMinutes(1))
        .register(registry).record(Duration.ofNanos(nanos));
  }

  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
