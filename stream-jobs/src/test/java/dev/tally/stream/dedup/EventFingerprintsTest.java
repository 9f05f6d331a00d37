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
}
