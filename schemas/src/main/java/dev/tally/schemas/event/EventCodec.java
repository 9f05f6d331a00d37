package dev.tally.schemas.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;

/**
 * Avro single-object encoding for Kafka payloads: each message starts with the two marker bytes
 * and the 8-byte fingerprint of its writer schema, so readers resolve the writer schema from the
 * {@link SchemaHistory} and decode any version that was ever written. Thread-safe.
 *
 * @param <T> the record type the reader produces
 */
public final class EventCodec<T> {

  private final Schema readerSchema;
  private final SchemaHistory history;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private EventCodec(GenericData model, Schema readerSchema, SchemaHistory history) {
    this.readerSchema = readerSchema;
    this.history = history;
    this.encoder = new BinaryMessageEncoder<>(model, readerSchema);
    this.decoder = new BinaryMessageDecoder<>(model, readerSchema, history.toSchemaStore());
  }

  /** The codec every module uses: {@link AnalyticsEvent} with the history shipped in this jar. */
  public static EventCodec<AnalyticsEvent> analyticsEvents() {
    return new EventCodec<>(SpecificData.getForClass(AnalyticsEvent.class), AnalyticsEvent.getClassSchema(),
        SchemaHistory.analyticsEvent());
  }

  /** A codec producing generic records of {@code readerSchema}; writes with it too. Neither argument may be null. */
  public static EventCodec<GenericRecord> generic(Schema readerSchema, SchemaHistory history) {
    return new EventCodec<>(GenericData.get(), readerSchema, history);
  }

  /** Encodes with this codec's schema as the writer schema. */
  public byte[] encode(T record) {
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + readerSchema.getFullName(), e);
    } catch (AvroRuntimeException | NullPointerException | ClassCastException e) {
      throw new IllegalArgumentException("cannot encode " + readerSchema.getFullName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Decodes one single-object-encoded message.
   *
   * @throws EventDecodingException naming the fingerprint when the writer schema is not in the
   *     history, or saying what is wrong with a malformed payload
   */
  public T decode(byte[] message) {
    try {
      return decoder.decode(message);
    } catch (MissingSchemaException e) {
      throw new EventDecodingException(String.format(Locale.ROOT,
          "unknown writer schema fingerprint %s: not one of the %d known versions of %s (%s)",
          hexFingerprint(message), history.versions().size(),
          readerSchema.getFullName(), knownFingerprints()), e);
    } catch (BadHeaderException e) {
      throw new EventDecodingException("not an Avro single-object message: " + e.getMessage(), e);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new EventDecodingException("corrupt " + readerSchema.getFullName() + " message written with schema "
          + hexFingerprint(message) + ": " + e.getMessage(), e);
    }
  }

  private String knownFingerprints() {
    return history.versions().stream()
        .map(s -> String.format(Locale.ROOT, "0x%016x", SchemaHistory.fingerprint(s)))
        .collect(Collectors.joining(", ", "known: ", ""));
  }

  /** The fingerprint as written in the header (little-endian long after the 2 marker bytes). */
  private static String hexFingerprint(byte[] message) {
    if (message == null || message.length < 10) {
      return "(none: message shorter than the 10-byte header)";
    }
    long fingerprint = ByteBuffer.wrap(message, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    return String.format(Locale.ROOT, "0x%016x", fingerprint);
  }
}
