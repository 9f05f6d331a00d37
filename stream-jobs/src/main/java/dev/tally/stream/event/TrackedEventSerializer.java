package dev.tally.stream.event;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link TrackedEvent} on Flink's wire, field by field. It replaces Flink's POJO serializer, which
 * reads and sets every field by reflection and writes strings a character at a time; every event
 * crosses three key changes, so that cost was paid three times per event. Strings are written as
 * their UTF-8 length and bytes (-1 for null), the revenue kind as one byte, the nullable numbers
 * behind a presence byte. Its snapshot is version 1 of this layout; a change of layout needs a new
 * version that still reads the old one.
 */
public final class TrackedEventSerializer extends TypeSerializerSingleton<TrackedEvent> {

  private static final long serialVersionUID = 1L;

  public static final TrackedEventSerializer INSTANCE = new TrackedEventSerializer();

  private static final byte NO_REVENUE = 0;
  private static final byte SALE = 1;
  private static final byte REFUND = 2;

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public TrackedEvent createInstance() {
    return new TrackedEvent();
  }

  @Override
  public TrackedEvent copy(TrackedEvent from) {
    return copy(from, new TrackedEvent());
  }

  @Override
  public TrackedEvent copy(TrackedEvent from, TrackedEvent to) {
    to.organizationId = from.organizationId;
    to.eventId = from.eventId;
    to.eventType = from.eventType;
    to.occurredAt = from.occurredAt;
    to.receivedAt = from.receivedAt;
    to.userId = from.userId;
    to.anonymousId = from.anonymousId;
    to.revenueKind = from.revenueKind;
    to.revenueAmountMinor = from.revenueAmountMinor;
    to.revenueCurrency = from.revenueCurrency;
    to.tokens = from.tokens;
    to.responseTimeMs = from.responseTimeMs;
    to.ip = from.ip;
    to.platform = from.platform;
    return to;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(TrackedEvent e, DataOutputView out) throws IOException {
    writeString(out, e.organizationId);
    writeString(out, e.eventId);
    writeString(out, e.eventType);
    out.writeLong(e.occurredAt);
    out.writeLong(e.receivedAt);
    writeString(out, e.userId);
    writeString(out, e.anonymousId);
    if (e.revenueKind == null) {
      out.writeByte(NO_REVENUE);
    } else {
      out.writeByte("refund".equals(e.revenueKind) ? REFUND : SALE);
      out.writeLong(e.revenueAmountMinor);
      writeString(out, e.revenueCurrency);
    }
    out.writeBoolean(e.tokens != null);
    if (e.tokens != null) {
      out.writeLong(e.tokens);
    }
    out.writeBoolean(e.responseTimeMs != null);
    if (e.responseTimeMs != null) {
      out.writeDouble(e.responseTimeMs);
    }
    writeString(out, e.ip);
    writeString(out, e.platform);
  }

  @Override
  public TrackedEvent deserialize(DataInputView in) throws IOException {
    return deserialize(new TrackedEvent(), in);
  }

  @Override
  public TrackedEvent deserialize(TrackedEvent e, DataInputView in) throws IOException {
    e.organizationId = readString(in);
    e.eventId = readString(in);
    e.eventType = readString(in);
    e.occurredAt = in.readLong();
    e.receivedAt = in.readLong();
    e.userId = readString(in);
    e.anonymousId = readString(in);
    byte kind = in.readByte();
    if (kind == NO_REVENUE) {
      e.revenueKind = null;
      e.revenueAmountMinor = 0;
      e.revenueCurrency = null;
    } else {
      e.revenueKind = kind == REFUND ? "refund" : "sale";
      e.revenueAmountMinor = in.readLong();
      e.revenueCurrency = readString(in);
    }
    e.tokens = in.readBoolean() ? in.readLong() : null;
    e.responseTimeMs = in.readBoolean() ? in.readDouble() : null;
    e.ip = readString(in);
    e.platform = readString(in);
    return e;
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public TypeSerializerSnapshot<TrackedEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  private static void writeString(DataOutputView out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readString(DataInputView in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Restores {@link #INSTANCE}; there is one layout so far. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<TrackedEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
