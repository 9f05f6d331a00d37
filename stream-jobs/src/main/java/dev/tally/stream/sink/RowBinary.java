package dev.tally.stream.sink;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows in ClickHouse's RowBinary format, encoded into one growing byte array: little-endian numbers,
 * strings as a LEB128 length and their UTF-8 bytes, a byte before each Nullable value (1: null). The
 * legacy driver's {@code ClickHouseRowBinaryStream} writes the same bytes, but a byte at a time
 * through a synchronized {@code DataOutputStream}, two locks per byte: in profiles of the stream job
 * that was most of the raw loader's encoding. Not thread-safe.
 */
public final class RowBinary {

  private byte[] buf = new byte[1 << 20];
  private int count;

  public void writeString(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    writeLeb128(utf8.length);
    ensure(utf8.length);
    System.arraycopy(utf8, 0, buf, count, utf8.length);
    count += utf8.length;
  }

  /** A Nullable's marker; the value follows unless it is null. */
  public void markNextNullable(boolean isNull) {
    writeUInt8(isNull ? 1 : 0);
  }

  public void writeStringArray(String[] values) {
    writeLeb128(values.length);
    for (String value : values) {
      writeString(value);
    }
  }

  /** A DateTime: seconds since the epoch, UInt32. */
  public void writeDateTime(long epochMillis) {
    writeLittleEndian(Math.floorDiv(epochMillis, 1000), 4);
  }

  public void writeUInt64(long value) {
    writeLittleEndian(value, 8);
  }

  public void writeInt64(long value) {
    writeLittleEndian(value, 8);
  }

  public void writeFloat64(double value) {
    writeLittleEndian(Double.doubleToLongBits(value), 8);
  }

  public void writeUInt8(int value) {
    ensure(1);
    buf[count++] = (byte) value;
  }

  public int size() {
    return count;
  }

  /** The bytes written so far, read in place. */
  public InputStream contents() {
    return new ByteArrayInputStream(buf, 0, count);
  }

  /** A copy of the bytes written so far (tests). */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, count);
  }

  public void reset() {
    count = 0;
  }

  private void writeLeb128(int value) {
    ensure(5);
    int v = value;
    while ((v & ~0x7F) != 0) {
      buf[count++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[count++] = (byte) v;
  }

  private void writeLittleEndian(long value, int bytes) {
    ensure(bytes);
    for (int i = 0; i < bytes; i++) {
      buf[count++] = (byte) (value >>> (8 * i));
    }
  }

  private void ensure(int more) {
    if (count + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
    }
  }
}
