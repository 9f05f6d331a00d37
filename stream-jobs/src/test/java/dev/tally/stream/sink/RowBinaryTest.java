package dev.tally.stream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Date;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import ru.yandex.clickhouse.settings.ClickHouseProperties;
import ru.yandex.clickhouse.util.ClickHouseRowBinaryStream;

/** {@link RowBinary} writes the bytes the ClickHouse driver's own RowBinary stream writes. */
class RowBinaryTest {

  @Test
  void everyValueTheLoaderWritesIsEncodedAsTheDriverEncodesIt() throws Exception {
    String longText = "é".repeat(200) + "☃"; // a length over 127 (two LEB128 bytes), two- and three-byte characters
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    ClickHouseRowBinaryStream driver = new ClickHouseRowBinaryStream(expected, TimeZone.getTimeZone("UTC"), new ClickHouseProperties());
    RowBinary ours = new RowBinary();

    driver.writeString("org");
    ours.writeString("org");
    driver.writeString(longText);
    ours.writeString(longText);
    driver.writeDateTime(new Date(1_733_312_345_678L));
    ours.writeDateTime(1_733_312_345_678L);
    driver.writeUInt64(1_733_312_345_678L);
    ours.writeUInt64(1_733_312_345_678L);
    driver.markNextNullable(true);
    ours.markNextNullable(true);
    driver.markNextNullable(false);
    ours.markNextNullable(false);
    driver.writeInt64(-150_000_000L);
    ours.writeInt64(-150_000_000L);
    driver.writeStringArray(new String[] {"path", "", longText});
    ours.writeStringArray(new String[] {"path", "", longText});
    driver.writeFloat64(123.456);
    ours.writeFloat64(123.456);
    driver.writeUInt8(5);
    ours.writeUInt8(5);

    assertThat(ours.toByteArray()).isEqualTo(expected.toByteArray());
    assertThat(ours.size()).isEqualTo(expected.size());
  }

  @Test
  void itGrowsPastItsFirstMegabyte() {
    RowBinary rows = new RowBinary();
    String kilobyte = "x".repeat(1024);
    for (int i = 0; i < 3000; i++) {
      rows.writeString(kilobyte);
    }
    assertThat(rows.size()).isEqualTo(3000 * (2 + 1024));
    rows.reset();
    assertThat(rows.size()).isZero();
  }
}
