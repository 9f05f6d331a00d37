package dev.tally.stream.dedup;

import dev.tally.stream.fingerprint.LongTable;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link EventFingerprints} in Flink state. Its {@link #copy} shares the tables
 * ({@link EventFingerprints#sharedCopy}), so the heap backend's copy-on-write during a checkpoint
 * does not duplicate every organization's ids. A checkpoint holds the watermark and, per slice, its
 * start and its fingerprints (8 bytes each, not the table's empty slots); a restore builds the
 * tables again. Its snapshot is version 1 of this layout.
 */
public final class EventFingerprintsSerializer extends TypeSerializerSingleton<EventFingerprints> {

  private static final long serialVersionUID = 1L;

  public static final EventFingerprintsSerializer INSTANCE = new EventFingerprintsSerializer();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public EventFingerprints createInstance() {
    return new EventFingerprints();
  }

  @Override
  public EventFingerprints copy(EventFingerprints from) {
    return from.sharedCopy();
  }

  @Override
  public EventFingerprints copy(EventFingerprints from, EventFingerprints reuse) {
    return from.sharedCopy();
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(EventFingerprints record, DataOutputView out) throws IOException {
    out.writeLong(record.watermark);
    out.writeInt(record.sliceStarts.length);
    for (int s = 0; s < record.sliceStarts.length; s++) {
      out.writeLong(record.sliceStarts[s]);
      out.writeInt(record.sizes[s]);
      for (long fingerprint : record.tables[s]) {
        if (fingerprint != 0) {
          out.writeLong(fingerprint);
        }
      }
    }
  }

  @Override
  public EventFingerprints deserialize(DataInputView in) throws IOException {
    EventFingerprints record = new EventFingerprints();
    record.watermark = in.readLong();
    int slices = in.readInt();
    record.sliceStarts = new long[slices];
    record.sizes = new int[slices];
    record.tables = new long[slices][];
    record.owned = new boolean[slices];
    for (int s = 0; s < slices; s++) {
      record.sliceStarts[s] = in.readLong();
      int size = in.readInt();
      long[] table = LongTable.forKeys(size);
      for (int i = 0; i < size; i++) {
        long fingerprint = in.readLong();
        table[LongTable.slot(table, fingerprint)] = fingerprint;
      }
      record.sizes[s] = size;
      record.tables[s] = table;
      record.owned[s] = true;
    }
    return record;
  }

  @Override
  public EventFingerprints deserialize(EventFingerprints reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public TypeSerializerSnapshot<EventFingerprints> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores {@link #INSTANCE}; there is one layout so far. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<EventFingerprints> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
