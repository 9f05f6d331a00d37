package dev.tally.stream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventTimeTest {

  private static final long T = 1_700_000_040_000L; // 2023-11-14T22:14:00Z, a minute start

  @Test
  void minuteOfFloorsToTheMinuteStartAlsoBefore1970() {
    assertThat(EventTime.minuteOf(T + 59_999)).isEqualTo(T);
    assertThat(EventTime.minuteOf(T + 60_000)).isEqualTo(T + 60_000);
    assertThat(EventTime.minuteOf(-1)).isEqualTo(-60_000);
  }

  @Test
  void aMinuteClosesWhenTheWatermarkReachesItsLastMillisecond() {
    assertThat(EventTime.isClosed(T, T + 59_998)).isFalse();
    assertThat(EventTime.isClosed(T, T + 59_999)).isTrue();
  }

  @Test
  void anEventIsTooLateOnlyOnceItsMinutePlusTheLatenessHasPassed() {
    long hour = 3_600_000;
    assertThat(EventTime.isTooLate(T + 10, T + 59_999 + hour - 1, hour)).isFalse();
    assertThat(EventTime.isTooLate(T + 10, T + 59_999 + hour, hour)).isTrue();
    assertThat(EventTime.isTooLate(T + 10, T + 59_999, 0)).isTrue();
  }

  @Test
  void closedUpToIsTheNewestBoundaryTheWatermarkPassed() {
    assertThat(EventTime.closedUpTo(T + 59_998)).isEqualTo(T);
    assertThat(EventTime.closedUpTo(T + 59_999)).isEqualTo(T + 60_000);
  }
}
