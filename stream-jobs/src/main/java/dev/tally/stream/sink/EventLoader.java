package dev.tally.stream.sink;

import dev.tally.schemas.db.DataSources;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.stream.config.StreamSettings;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import ru.yandex.clickhouse.ClickHouseConnection;

/**
 * The raw event loader: events to ClickHouse {@code events} in RowBinary batches ({@link EventBatch},
 * encoded as they arrive) of {@code batchRows} events or {@code maxDelayMs}, whichever comes first,
 * and whatever is buffered on every checkpoint (Flink calls {@link TimedBatches#flush} before the
 * barrier), so nothing waits across a restart. At least once; a replay inserts identical rows that {@code ReplacingMergeTree} folds. A
 * failed insert is retried on a new connection, then fails the task (Flink restarts it from the last
 * checkpoint). Counter: {@code eventsLoaded}.
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
    return new Writer(context.getProcessingTimeService(), context.metricGroup().counter("eventsLoaded"));
  }

  final class Writer extends TimedBatches<AnalyticsEvent> {

    private final Counter loaded;
    private final EventBatch buffer = new EventBatch();
    private ClickHouseConnection connection;

    Writer(ProcessingTimeService time, Counter loaded) {
      super(time, batchRows, maxDelayMs);
      this.loaded = loaded;
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
      SQLException last = null;
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        try {
          buffer.sendTo(connection());
          loaded.inc(buffer.size());
          buffer.clear();
          return;
        } catch (SQLException e) {
          last = e;
          close();
        }
      }
      throw new IOException("inserting " + buffer.size() + " events into ClickHouse failed " + ATTEMPTS + " times", last);
    }

    private ClickHouseConnection connection() throws SQLException {
      if (connection == null) {
        Connection c = DataSources.clickhouseWriter(settings.tally()).getConnection();
        connection = c.unwrap(ClickHouseConnection.class);
      }
      return connection;
    }

    @Override
    public void close() {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException ignored) {
          // the connection is gone either way
        }
        connection = null;
      }
    }
  }
}
