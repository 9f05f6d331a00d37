package dev.tally.stream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RollingEndTest {

  private static final long M = EventTime.MINUTE_MS;
  private static final long DAY = 24 * 60 * M;

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void liveTheWindowsEndAtTheNewestMinuteBoundaryTheWatermarkPassed() {
    long newest = at("2042-03-01T10:00:00Z");
    assertThat(RollingEnd.of(at("2042-03-01T10:04:59.998Z"), newest, Long.MIN_VALUE)).isEqualTo(at("2042-03-01T10:04:00Z"));
    assertThat(RollingEnd.of(at("2042-03-01T10:04:59.999Z"), newest, Long.MIN_VALUE)).isEqualTo(at("2042-03-01T10:05:00Z"));
    assertThat(RollingEnd.of(at("2042-03-01T10:04:59.999Z"), newest, at("2042-03-01T11:00:00Z")))
        .as("the input's end matters only once the input has ended").isEqualTo(at("2042-03-01T10:05:00Z"));
  }

  @Test
  void atTheEndOfABoundedInputEveryOrganizationEndsAtTheEndOfTheInputsNewestMinute() {
    long inputEnd = RollingEnd.ofInputAt(at("2042-03-01T20:03:30Z"));
    assertThat(inputEnd).isEqualTo(at("2042-03-01T20:04:00Z"));
    assertThat(RollingEnd.of(RollingEnd.END_OF_INPUT, at("2042-03-01T20:03:00Z"), inputEnd)).isEqualTo(inputEnd);
    assertThat(RollingEnd.of(RollingEnd.END_OF_INPUT, at("2042-03-01T19:55:00Z"), inputEnd))
        .as("a quiet organization too, not after its own newest minute").isEqualTo(inputEnd);
    assertThat(RollingEnd.of(RollingEnd.END_OF_INPUT, at("2042-03-01T19:55:00Z"), Long.MIN_VALUE))
        .as("input end not known (state of an older version): after the organization's newest minute")
        .isEqualTo(at("2042-03-01T19:56:00Z"));
  }

  @Test
  void theEndAtTheEndOfTheInputIsAfterEveryEndTheWatermarksOfThatInputCanGive() {
    long newest = at("2042-03-01T19:55:00Z");
    for (long last = at("2042-03-01T20:00:00Z"); last < at("2042-03-01T20:02:00Z"); last += 250) {
      long inputEnd = RollingEnd.ofInputAt(last);
      long finalEnd = RollingEnd.of(RollingEnd.END_OF_INPUT, newest, inputEnd);
      // no watermark goes past the newest event's time (MinuteWatermarks: that time minus the bound)
      for (long watermark = last - 3 * M; watermark <= last; watermark += 250) {
        assertThat(RollingEnd.of(watermark, newest, inputEnd)).isLessThan(finalEnd);
      }
    }
  }

  @Test
  void windowsStopOnceTheyAreAllEmpty24HoursAfterTheNewestMinute() {
    long newest = at("2042-03-01T10:00:00Z");
    long quiet = at("2042-03-02T10:01:00Z");
    assertThat(RollingEnd.quiet(newest)).isEqualTo(quiet);
    assertThat(quiet - M - RollingWindow.longest().millis()).as("the 24 h window before it still holds the newest minute")
        .isEqualTo(newest);
    assertThat(RollingEnd.of(quiet - 1, newest, Long.MIN_VALUE)).isEqualTo(quiet);
    assertThat(RollingEnd.of(newest + 3 * DAY, newest, Long.MIN_VALUE)).isEqualTo(quiet);
    assertThat(RollingEnd.of(RollingEnd.END_OF_INPUT, newest, newest + 3 * DAY)).isEqualTo(quiet);
  }
}
