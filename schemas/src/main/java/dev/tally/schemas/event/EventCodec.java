package dev.tally.schemas.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;

/**
 * Avro single-object encoding for Kafka payloads: each message starts with the two marker bytes
 * and the 8-byte fingerprint of its writer schema, so readers resolve the writer schema from the
 * {@link SchemaHistory} and decode any version that was ever written. Thread-safe.
 *
 * @param <T> the record type the reader produces
 */
public final class EventCodec<T> {

  /** The single-object encoding's marker and header length (marker and fingerprint). */
  private static final byte[] MARKER = {(byte) 0xC3, (byte) 0x01};
  private static final int HEADER = 10;

  private final Schema readerSchema;
  private final SchemaHistory history;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;
  private final GenericData model;
  private final SchemaStore store;
  /** A reader per writer schema's fingerprint, made on first use. */
  private final Map<Long, DatumReader<T>> readers = new ConcurrentHashMap<>();

  private EventCodec(GenericData model, Schema readerSchema, SchemaHistory history) {
    this.readerSchema = readerSchema;
    this.history = history;
    this.model = model;
    this.store = history.toSchemaStore();
    this.encoder = new BinaryMessageEncoder<>(model, readerSchema);
    this.decoder = new BinaryMessageDecoder<>(model, readerSchema, store);
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
    DatumReader<T> reader = message != null && message.length >= HEADER && message[0] == MARKER[0] && message[1] == MARKER[1]
        ? readers.computeIfAbsent(fingerprint(message), this::readerOf) : null;
    try {
      if (reader != null) {
        // Avro's message decoder reads through an unbuffered decoder a byte at a time; the message is
        // a byte array already, so the buffered one reads it in place
        return reader.read(null, DecoderFactory.get().binaryDecoder(message, HEADER, message.length - HEADER, null));
      }
      // a bad header or an unknown writer: Avro's decoder says which
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

  /** The reader of messages written with the schema of this fingerprint, or null when none is known. */
  private DatumReader<T> readerOf(long fingerprint) {
    Schema writer = store.findByFingerprint(fingerprint);
    @SuppressWarnings("unchecked")
    DatumReader<T> reader = writer == null ? null : (DatumReader<T>) model.createDatumReader(writer, readerSchema);
    return reader;
  }

  private static long fingerprint(byte[] message) {
    return ByteBuffer.wrap(message, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
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
    return String.format(Locale.ROOT, "0x%016x", fingerprint(message));
  }
}
