package dev.tally.schemas.event;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes an {@link AnalyticsEvent} in Avro single-object encoding, the same bytes as
 * {@link EventCodec#encode}, field by field in schema order: no schema walk, no union resolution,
 * and one reused buffer per thread. For the collector, which writes every event it accepts.
 * Written for one version of the schema: it refuses to be built when {@link AnalyticsEvent}'s schema
 * has another fingerprint (add the new fields here, then update {@link #WRITTEN_FOR});
 * {@code AnalyticsEventWriterTest} compares its bytes with {@link EventCodec}'s. Thread-safe.
 */
public final class AnalyticsEventWriter {

  /** The fingerprint of the schema version whose fields {@link #write} writes. */
  static final long WRITTEN_FOR = 0xde8853ede4e41181L;

  private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

  private final byte[] header = new byte[10];

  public AnalyticsEventWriter() {
    long fingerprint = SchemaHistory.fingerprint(AnalyticsEvent.getClassSchema());
    if (fingerprint != WRITTEN_FOR) {
      throw new IllegalStateException(String.format("AnalyticsEventWriter writes schema 0x%016x, AnalyticsEvent is now 0x%016x:"
          + " add the new fields to it", WRITTEN_FOR, fingerprint));
    }
    header[0] = (byte) 0xC3;
    header[1] = 0x01;
    for (int i = 0; i < 8; i++) {
      header[2 + i] = (byte) (fingerprint >>> (8 * i)); // little-endian, as single-object encoding has it
    }
  }

  /** @throws IllegalArgumentException when a required field is null, as {@link EventCodec#encode} does */
  public byte[] encode(AnalyticsEvent event) {
    Buffer buffer = BUFFERS.get();
    try {
      buffer.start(header);
      write(event, buffer.encoder);
      buffer.encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode AnalyticsEvent", e);
    } catch (NullPointerException e) {
      throw new IllegalArgumentException("cannot encode AnalyticsEvent: a required field is null", e);
    }
    return buffer.copy();
  }

  private static void write(AnalyticsEvent event, BinaryEncoder out) throws IOException {
    out.writeString(event.getEventId());
    out.writeString(event.getOrganizationId());
    out.writeString(event.getEventType());
    out.writeString(event.getCategory());
    out.writeLong(millis(event.getOccurredAt()));
    out.writeLong(millis(event.getReceivedAt()));
    optional(out, event.getUserId());
    optional(out, event.getAnonymousId());
    optional(out, event.getSessionId());
    optional(out, event.getCustomerId());
    optional(out, event.getResourceType());
    optional(out, event.getResourceId());
    optional(out, event.getPlatform());
    optional(out, event.getAppVersion());
    optional(out, event.getIp());
    optional(out, event.getUserAgent());
    Map<String, String> properties = event.getProperties();
    out.writeMapStart();
    out.setItemCount(properties.size());
    for (Map.Entry<String, String> property : properties.entrySet()) {
      out.startItem();
      out.writeString(property.getKey());
      out.writeString(property.getValue());
    }
    out.writeMapEnd();
    Revenue revenue = event.getRevenue();
    out.writeIndex(revenue == null ? 0 : 1);
    if (revenue != null) {
      out.writeEnum(revenue.getKind().ordinal());
      out.writeLong(revenue.getAmountMinor());
      out.writeString(revenue.getCurrency());
      optional(out, revenue.getOrderId());
      optional(out, revenue.getInvoiceId());
      out.writeLong(revenue.getTaxMinor());
      out.writeLong(revenue.getShippingMinor());
      out.writeLong(revenue.getDiscountMinor());
    }
    Usage usage = event.getUsage();
    out.writeIndex(usage == null ? 0 : 1);
    if (usage != null) {
      out.writeIndex(usage.getTokens() == null ? 0 : 1);
      if (usage.getTokens() != null) {
        out.writeLong(usage.getTokens());
      }
      out.writeIndex(usage.getResponseTimeMs() == null ? 0 : 1);
      if (usage.getResponseTimeMs() != null) {
        out.writeDouble(usage.getResponseTimeMs());
      }
      optional(out, usage.getAgentId());
      optional(out, usage.getConversationId());
      out.writeIndex(usage.getStatus() == null ? 0 : 1);
      if (usage.getStatus() != null) {
        out.writeEnum(usage.getStatus().ordinal());
      }
      out.writeIndex(usage.getRating() == null ? 0 : 1);
      if (usage.getRating() != null) {
        out.writeInt(usage.getRating());
      }
    }
  }

  /** A {@code ["null", "string"]} union. */
  private static void optional(BinaryEncoder out, String value) throws IOException {
    out.writeIndex(value == null ? 0 : 1);
    if (value != null) {
      out.writeString(value);
    }
  }

  private static long millis(Instant time) {
    return time.toEpochMilli();
  }

  /** A growing byte array and a buffered encoder in front of it (one write per event), kept per thread. */
  private static final class Buffer extends ByteArrayOutputStream {
    final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(this, null);

    Buffer() {
      super(1024);
    }

    /** Empties the buffer, including what a write that failed half-way left in the encoder, and writes the header. */
    void start(byte[] header) throws IOException {
      encoder.flush();
      reset();
      write(header, 0, header.length);
    }

    byte[] copy() {
      return Arrays.copyOf(buf, count);
    }
  }
}
