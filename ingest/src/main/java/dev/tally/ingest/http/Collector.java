package dev.tally.ingest.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.ingest.auth.WriteKeys;
import dev.tally.ingest.config.IngestConfig;
import dev.tally.ingest.kafka.EventPublisher;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP collector on Javalin (Jetty 12): Segment's endpoints, the native one, {@code /healthz}
 * and {@code /metrics}. {@link #close()} drains: new requests get 503 with Retry-After while the
 * ones in flight finish (up to the drain timeout), then the server stops.
 */
public final class Collector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

  private final IngestConfig config;
  private final IngestHandler handler;
  private final IngestMetrics metrics;
  private final EventPublisher publisher;
  private final ObjectMapper json;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean draining;
  private final Javalin app;

  private Collector(IngestConfig config, WriteKeys writeKeys, EventPublisher publisher, IngestMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
    this.publisher = publisher;
    this.json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    this.handler = new IngestHandler(config, json, writeKeys, publisher, metrics);
    this.app = Javalin.create(javalin -> {
      javalin.startup.showJavalinBanner = false;
      javalin.startup.showOldJavalinVersionWarning = false;
      javalin.jetty.host = config.host();
      javalin.jetty.port = config.port();
      // a body arriving slower than this is cut off with 408, so slow senders cannot hold threads
      javalin.jetty.modifyHttpConfiguration(http -> http.setMinRequestDataRate(config.edge().minBytesPerSecond()));
      // web pages post from their own origin: preflights answered, no credentials needed (the key is in the request)
      javalin.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
        List<String> origins = Arrays.stream(config.edge().corsOrigins().split(",")).map(String::strip)
            .filter(origin -> !origin.isEmpty()).toList();
        if (origins.contains("*") || origins.isEmpty()) {
          rule.anyHost();
        } else {
          rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
        }
        rule.maxAge = 86_400;
      }));
      for (Endpoint endpoint : Endpoint.ALL) {
        javalin.routes.post(endpoint.path(), ctx -> ingest(endpoint, ctx));
      }
      javalin.routes.get("/healthz", this::health);
      javalin.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
      javalin.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
        ctx.status(500).json(json.createObjectNode().put("error", "internal error; this is a bug in the collector"));
      });
    });
  }

  /** Starts a collector; the caller keeps ownership of the publisher and metrics and closes them after this. */
  public static Collector start(IngestConfig config, WriteKeys writeKeys, EventPublisher publisher, IngestMetrics metrics) {
    Collector collector = new Collector(config, writeKeys, publisher, metrics);
    collector.app.start();
    LOG.info("collector listening on {}:{}", config.host(), collector.port());
    return collector;
  }

  public int port() {
    return app.port();
  }

  private void ingest(Endpoint endpoint, Context ctx) throws IOException, InterruptedException {
    long start = System.nanoTime();
    inFlight.incrementAndGet();
    try {
      IngestHandler.Outcome outcome = draining ? handler.unavailable("the collector is shutting down; retry later")
          : handler.handle(endpoint, ctx.header("Authorization"), ctx.header("Content-Encoding"),
              ctx.req().getContentLengthLong(), ctx.req().getInputStream(), ctx.ip());
      ctx.status(outcome.status());
      outcome.headers().forEach(ctx::header);
      ctx.contentType("application/json").result(json.writeValueAsBytes(outcome.body()));
      metrics.request(endpoint.tag(), outcome.status(), System.nanoTime() - start);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void health(Context ctx) throws IOException {
    String status = draining ? "draining" : "ok";
    ctx.status(draining ? 503 : 200).contentType("application/json").result(json.writeValueAsBytes(
        json.createObjectNode().put("status", status).put("kafka", publisher.failing() ? "failing" : "ok")));
  }

  /** Stops taking requests, waits for those in flight, stops the server. */
  @Override
  public void close() {
    draining = true;
    long deadline = System.nanoTime() + config.drainTimeout().toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        TimeUnit.MILLISECONDS.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (inFlight.get() > 0) {
      LOG.warn("{} request(s) still in flight after {} s; stopping anyway", inFlight.get(), config.drainTimeout().toSeconds());
    }
    app.stop();
    LOG.info("collector stopped");
  }
}
