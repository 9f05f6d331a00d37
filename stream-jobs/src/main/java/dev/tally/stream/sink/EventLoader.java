package dev.tally.stream.sink;

import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.stream.config.StreamSettings;
import dev.tally.stream.flink.StreamMetrics;
import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import ru.yandex.clickhouse.ClickHouseConnection;

/**
 * The raw event loader: events to ClickHouse {@code events} in RowBinary batches ({@link EventBatch},
 * encoded as they arrive) of {@code batchRows} events or {@code maxDelayMs}, whichever comes first.
 * A full batch is inserted by a thread of its own while the next one fills, at most one insert in
 * flight (the next full batch waits for it); on every checkpoint (Flink calls
 * {@link TimedBatches#flush} before the barrier) the insert in flight and whatever is buffered are
 * in ClickHouse before the barrier passes, so nothing waits across a restart. At least once; a replay
 * inserts identical rows that {@code ReplacingMergeTree} folds. A failed insert is retried on a new
 * connection, then fails the task at its next event or checkpoint (Flink restarts it from the last
 * checkpoint). Counters: {@link StreamMetrics#EVENTS_LOADED}, {@link StreamMetrics#SINK_BATCHES}, {@link StreamMetrics#SINK_BATCH_FAILURES}.
 */
public final class EventLoader implements Sink<AnalyticsEvent> {

  private static final long serialVersionUID = 1L;
  private static final int ATTEMPTS = 3;

  private final StreamSettings settings;
  private final int batchRows;
  private final long maxDelayMs;

  public EventLoader(StreamSettings settings, int batchRows, long maxDelayMs) {
    this.settings = settings;
    this.batchRows = batchRows;
    this.maxDelayMs = maxDelayMs;
  }

  @Override
  public SinkWriter<AnalyticsEvent> createWriter(WriterInitContext context) {
    return new Writer(context.getProcessingTimeService(), context.metricGroup().counter(StreamMetrics.EVENTS_LOADED),
        context.metricGroup().counter(StreamMetrics.SINK_BATCHES), context.metricGroup().counter(StreamMetrics.SINK_BATCH_FAILURES));
  }

  final class Writer extends TimedBatches<AnalyticsEvent> {

    private final Counter loaded;
    private final Counter batches;
    private final Counter failures;
    private final ExecutorService inserts = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "raw loader insert");
      thread.setDaemon(true);
      return thread;
    });
    private EventBatch buffer = new EventBatch();
    /** The batch to fill next once the insert in flight is done; null while one is in flight. */
    private EventBatch spare = new EventBatch();
    private Future<EventBatch> inFlight;
    /** Used by the insert thread only. */
    private final StoreConnections connections = new StoreConnections(StoreConnections.Store.CLICKHOUSE, settings);

    Writer(ProcessingTimeService time, Counter loaded, Counter batches, Counter failures) {
      super(time, batchRows, maxDelayMs);
      this.loaded = loaded;
      this.batches = batches;
      this.failures = failures;
    }

    @Override
    protected void add(AnalyticsEvent event) {
      buffer.add(event);
    }

    @Override
    protected int buffered() {
      return buffer.size();
    }

    @Override
    protected void send() throws IOException {
      awaitSent();
      EventBatch full = buffer;
      buffer = spare;
      spare = null;
      inFlight = inserts.submit(() -> insert(full));
    }

    @Override
    protected void awaitSent() throws IOException {
      if (inFlight == null) {
        return;
      }
      try {
        EventBatch sent = inFlight.get();
        sent.clear();
        spare = sent;
      } catch (ExecutionException e) {
        throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while inserting events into ClickHouse", e);
      } finally {
        inFlight = null;
      }
    }

    /** On the insert thread: the batch into ClickHouse, retried on a new connection. */
    private EventBatch insert(EventBatch batch) throws IOException {
      SQLException last = null;
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        try {
          batch.sendTo(connection());
          loaded.inc(batch.size());
          batches.inc();
          return batch;
        } catch (SQLException e) {
          failures.inc();
          last = e;
          closeConnection();
        }
      }
      throw new IOException("inserting " + batch.size() + " events into ClickHouse failed " + ATTEMPTS + " times", last);
    }

    private ClickHouseConnection connection() throws SQLException {
      return connections.getOrEstablishConnection().unwrap(ClickHouseConnection.class);
    }

    private void closeConnection() {
      connections.closeConnection();
    }

    @Override
    public void close() throws InterruptedException {
      inserts.shutdownNow();
      inserts.awaitTermination(30, TimeUnit.SECONDS);
      closeConnection();
    }
  }
}
