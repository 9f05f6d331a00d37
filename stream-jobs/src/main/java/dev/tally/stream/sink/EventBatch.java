package dev.tally.stream.sink;

import dev.tally.schemas.event.AnalyticsEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.TimeZone;
import ru.yandex.clickhouse.ClickHouseConnection;
import ru.yandex.clickhouse.ClickHouseStatement;
import ru.yandex.clickhouse.domain.ClickHouseFormat;
import ru.yandex.clickhouse.settings.ClickHouseProperties;
import ru.yandex.clickhouse.util.ClickHouseRowBinaryStream;

/**
 * Events encoded as {@link EventRows} into memory as they arrive, then sent as one RowBinary insert
 * of {@code load-events.sql}. Encoding into a byte array, rather than in the driver's callback, keeps
 * the many small writes of RowBinary off the HTTP stream (each went through its synchronized layers),
 * keeps bytes instead of decoded events between inserts, and lets a failed insert resend the same
 * bytes. Not thread-safe.
 */
public final class EventBatch {

  /** The raw loader's insert into {@code events} of the connection's database; rows follow as RowBinary. */
  private static final String INSERT = Sql.statement(EventBatch.class, "load-events.sql");

  private final Bytes bytes = new Bytes();
  // DateTime values are seconds since the epoch; the time zone is only used for Date columns (none)
  private final ClickHouseRowBinaryStream rows =
      new ClickHouseRowBinaryStream(bytes, TimeZone.getTimeZone("UTC"), new ClickHouseProperties());
  private int size;

  public void add(AnalyticsEvent event) throws IOException {
    EventRows.write(rows, event);
    size++;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Inserts the batch into {@code events} of the connection's database; keeps it. */
  public void sendTo(ClickHouseConnection connection) throws SQLException {
    try (ClickHouseStatement statement = connection.createStatement()) {
      statement.write().send(INSERT, bytes.contents(), ClickHouseFormat.RowBinary);
    }
  }

  public void clear() {
    bytes.reset();
    size = 0;
  }

  /** A byte array stream whose contents are read in place. */
  private static final class Bytes extends ByteArrayOutputStream {
    Bytes() {
      super(1 << 20);
    }

    InputStream contents() {
      return new ByteArrayInputStream(buf, 0, count);
    }
  }
}
