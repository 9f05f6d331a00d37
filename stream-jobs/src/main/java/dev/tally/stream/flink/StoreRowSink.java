package dev.tally.stream.flink;

import dev.tally.stream.config.StreamSettings;
import dev.tally.stream.sink.StoreConnections;
import dev.tally.stream.sink.StoreRow;
import dev.tally.stream.sink.TimedBatches;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.metrics.Counter;

/**
 * Rows to a store (PostgreSQL or ClickHouse) through one JDBC statement, in batches of
 * {@code batchRows} or {@code maxDelayMs}, and whatever is buffered on every checkpoint. At least
 * once over idempotent writes (upserts, ReplacingMergeTree), like the rest of the job.
 *
 * <p>A row the store refuses never stops the job. When a batch fails, the store is asked
 * {@code SELECT 1} on a new connection: if it does not answer, the store is down and the batch is
 * retried, then the task fails and Flink restarts it from the last checkpoint (the rows are written
 * on the replay). If it answers, the batch held a row it refuses (an overflow, a constraint, an
 * encoding): the rows are sent one at a time, and each one refused goes to {@link DeadLetters} with
 * the store's message ({@link StreamMetrics#SINK_ROWS_DEAD_LETTERED}). Flink's JDBC sink cannot do this: it only knows
 * that a batch failed, never which row.
 */
public final class StoreRowSink<T extends StoreRow> implements Sink<T> {

  private static final long serialVersionUID = 1L;
  private static final int ATTEMPTS = 3;

  private final StreamSettings settings;
  private final StoreConnections connections;
  private final String name;
  private final String sql;
  private final JdbcStatementBuilder<T> binder;
  private final int batchRows;
  private final long maxDelayMs;

  /**
   * @param name the sink as dead letters and errors name it ({@code postgresql: user_sessions})
   * @param sql one statement with a parameter per column, bound by {@code binder}
   */
  public StoreRowSink(StreamSettings settings, StoreConnections connections, String name, String sql,
      JdbcStatementBuilder<T> binder, int batchRows, long maxDelayMs) {
    this.settings = settings;
    this.connections = connections;
    this.name = name;
    this.sql = sql;
    this.binder = binder;
    this.batchRows = batchRows;
    this.maxDelayMs = maxDelayMs;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new Writer(context.getProcessingTimeService(), context.metricGroup().counter(StreamMetrics.SINK_ROWS_WRITTEN),
        context.metricGroup().counter(StreamMetrics.SINK_ROWS_DEAD_LETTERED), context.metricGroup().counter(StreamMetrics.SINK_BATCHES),
        context.metricGroup().counter(StreamMetrics.SINK_BATCH_FAILURES));
  }

  final class Writer extends TimedBatches<T> {

    private final Counter written;
    private final Counter deadLettered;
    private final Counter batches;
    private final Counter failedBatches;
    private final List<T> buffer = new ArrayList<>();
    private final DeadLetters deadLetters = new DeadLetters(settings, name);

    Writer(ProcessingTimeService time, Counter written, Counter deadLettered, Counter batches, Counter failedBatches) {
      super(time, batchRows, maxDelayMs);
      this.written = written;
      this.deadLettered = deadLettered;
      this.batches = batches;
      this.failedBatches = failedBatches;
    }

    @Override
    protected void add(T row) {
      buffer.add(row);
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
          execute(buffer);
          batches.inc();
          written.inc(buffer.size());
          buffer.clear();
          return;
        } catch (SQLException e) {
          failedBatches.inc();
          last = e;
          connections.closeConnection();
          if (storeAnswers()) {
            oneAtATime();
            return;
          }
          pause(attempt);
        }
      }
      throw new IOException(name + ": writing " + buffer.size() + " rows failed " + ATTEMPTS
          + " times and the store does not answer", last);
    }

    /** Each row on its own; the ones the store refuses while it answers become dead letters. */
    private void oneAtATime() throws IOException {
      for (T row : buffer) {
        try {
          execute(List.of(row));
          written.inc();
        } catch (SQLException refused) {
          connections.closeConnection();
          if (!storeAnswers()) {
            throw new IOException(name + ": the store stopped answering", refused);
          }
          deadLetters.send(row, reason(refused));
          deadLettered.inc();
        }
      }
      deadLetters.flush();
      buffer.clear();
    }

    private void execute(List<T> rows) throws SQLException {
      Connection connection = connections.getOrEstablishConnection();
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        if (rows.size() == 1) {
          binder.accept(statement, rows.get(0));
          statement.executeUpdate();
          return;
        }
        for (T row : rows) {
          binder.accept(statement, row);
          statement.addBatch();
        }
        statement.executeBatch();
      }
    }

    private boolean storeAnswers() {
      try (Statement statement = connections.getOrEstablishConnection().createStatement()) {
        statement.execute("SELECT 1");
        return true;
      } catch (SQLException down) {
        connections.closeConnection();
        return false;
      }
    }

    private void pause(int attempt) throws IOException {
      try {
        Thread.sleep(500L * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(name + ": interrupted", e);
      }
    }

    @Override
    public void close() {
      connections.closeConnection();
      deadLetters.close();
    }
  }

  /** The store's message, without the driver's stack: the first line of each cause, up to 1,000 characters. */
  static String reason(SQLException e) {
    StringBuilder reason = new StringBuilder();
    for (Throwable t = e; t != null && reason.length() < 1000; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().lines().findFirst().orElse("");
      if (reason.indexOf(message) < 0) {
        reason.append(reason.length() == 0 ? "" : "; ").append(message);
      }
    }
    if (e.getSQLState() != null) {
      reason.insert(0, "SQLState " + e.getSQLState() + ": ");
    }
    return reason.length() > 1000 ? reason.substring(0, 1000) : reason.toString();
  }
}
