package dev.tally.stream.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.stream.fingerprint.Fingerprint;
import org.junit.jupiter.api.Test;

class EventFingerprintsTest {

  private static final long SLICE = 60_000;

  @Test
  void theSecondCopyOfAnIdIsADuplicateEvenWithAnotherEventTime() {
    EventFingerprints seen = new EventFingerprints();
    assertThat(seen.add(Fingerprint.of("a"), 1_000, SLICE)).isTrue();
    assertThat(seen.add(Fingerprint.of("b"), 1_000, SLICE)).isTrue();
    assertThat(seen.add(Fingerprint.of("a"), 1_000, SLICE)).isFalse();
    assertThat(seen.add(Fingerprint.of("a"), 3 * SLICE + 5, SLICE)).as("a retry stamped later").isFalse();
    assertThat(seen.size()).isEqualTo(2);
  }

  @Test
  void manyIdsGrowTheTablesAndAreAllFound() {
    EventFingerprints seen = new EventFingerprints();
    for (int i = 0; i < 100_000; i++) {
      assertThat(seen.add(Fingerprint.of("id-" + i), i, SLICE)).isTrue();
    }
    for (int i = 0; i < 100_000; i += 7) {
      assertThat(seen.add(Fingerprint.of("id-" + i), 0, SLICE)).isFalse();
    }
    assertThat(seen.size()).isEqualTo(100_000);
    // at most 3/4 full, at least 3/8 after doubling: 8 bytes a slot
    assertThat(seen.tableBytes()).isBetween(100_000L * 8 * 4 / 3, 100_000L * 8 * 8 / 3);
  }

  @Test
  void slicesEndingByTheOldestTimeAreDroppedWithTheirIds() {
    EventFingerprints seen = new EventFingerprints();
    seen.add(Fingerprint.of("old"), 10_000, SLICE);
    seen.add(Fingerprint.of("new"), SLICE + 10_000, SLICE);
    assertThat(seen.dropEndingBy(SLICE - 1, SLICE)).as("nothing ends before the first slice's end").isEqualTo(SLICE);
    assertThat(seen.size()).isEqualTo(2);
    assertThat(seen.dropEndingBy(SLICE, SLICE)).isEqualTo(2 * SLICE);
    assertThat(seen.size()).isEqualTo(1);
    assertThat(seen.add(Fingerprint.of("old"), 10_000, SLICE)).as("forgotten with its slice").isTrue();
    assertThat(seen.add(Fingerprint.of("new"), SLICE + 10_000, SLICE)).isFalse();
    assertThat(seen.dropEndingBy(Long.MAX_VALUE, SLICE)).isEqualTo(Long.MAX_VALUE);
    assertThat(seen.isEmpty()).isTrue();
  }

  @Test
  void fingerprintsAreSixtyFourBitsAndNeverZero() {
    assertThat(Fingerprint.of("a")).isNotEqualTo(Fingerprint.of("b")).isNotZero();
    assertThat(Fingerprint.of("")).isNotZero();
    assertThat(Fingerprint.of("a")).isEqualTo(Fingerprint.of("a"));
  }

  /**
   * The heap backend copies a value touched while a checkpoint is written, and keeps the original for
   * the checkpoint: the copy shares the tables, and neither side's changes reach the other.
   */
  @Test
  void aSharedCopySharesTheTablesUntilEitherSideChangesOne() {
    EventFingerprints live = new EventFingerprints();
    for (int i = 0; i < 1000; i++) {
      live.add(Fingerprint.of("old-" + i), 1_000, SLICE);
      live.add(Fingerprint.of("new-" + i), SLICE + 1_000, SLICE);
    }
    EventFingerprints checkpoint = live;
    live = EventFingerprintsSerializer.INSTANCE.copy(checkpoint);
    assertThat(live.tables[0]).as("shared, not copied").isSameAs(checkpoint.tables[0]);

    live.add(Fingerprint.of("newest"), SLICE + 2_000, SLICE);
    live.dropEndingBy(SLICE, SLICE);
    assertThat(live.tables[0]).as("the written slice was cloned").isNotSameAs(checkpoint.tables[1]);
    assertThat(checkpoint.add(Fingerprint.of("newest"), SLICE + 2_000, SLICE)).as("the checkpoint's side does not see it").isTrue();
    assertThat(checkpoint.size()).isEqualTo(2001);
    assertThat(live.size()).isEqualTo(1001);
    assertThat(live.add(Fingerprint.of("old-1"), SLICE + 1_000, SLICE)).as("its slice was dropped on the live side only").isTrue();
    assertThat(checkpoint.add(Fingerprint.of("old-1"), 1_000, SLICE)).isFalse();
  }

  @Test
  void theSerializerWritesTheIdsAndReadsBackTheSameSlices() throws Exception {
    EventFingerprints seen = new EventFingerprints();
    seen.watermark = 123_456;
    for (int i = 0; i < 5000; i++) {
      seen.add(Fingerprint.of("id-" + i), i * 30L, SLICE);
    }
    var out = new org.apache.flink.core.memory.DataOutputSerializer(1 << 16);
    EventFingerprintsSerializer.INSTANCE.serialize(seen, out);
    assertThat(out.length()).as("8 bytes an id, not a slot").isLessThan(5000 * 8 + 200);
    EventFingerprints read = EventFingerprintsSerializer.INSTANCE.deserialize(
        new org.apache.flink.core.memory.DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(read.watermark).isEqualTo(123_456);
    assertThat(read.sliceStarts).containsExactly(seen.sliceStarts);
    assertThat(read.sizes).containsExactly(seen.sizes);
    for (int i = 0; i < 5000; i++) {
      assertThat(read.add(Fingerprint.of("id-" + i), 0, SLICE)).isFalse();
    }
    assertThat(read.add(Fingerprint.of("id-5000"), 0, SLICE)).isTrue();
  }
}
