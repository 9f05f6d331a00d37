package dev.tally.stream.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.schemas.event.AnalyticsEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

/** One partition's watermarks: moved by events, and by the clock once a live partition is quiet. */
class MinuteWatermarksTest {

  private static final long NOW = 1_900_000_000_000L;
  private static final String ORG = "00000000-0000-0000-0000-000000000009";

  private final ManualClock activity = new ManualClock();
  private final Recorded out = new Recorded();

  private MinuteWatermarks generator() {
    return new MinuteWatermarks(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5), activity,
        () -> NOW + activity.relativeTimeMillis());
  }

  private static AnalyticsEvent at(long millis) {
    return Events.event(ORG, "e" + millis, "page_viewed", java.time.Instant.ofEpochMilli(millis)).get();
  }

  @Test
  void eventsMoveTheWatermarkInWholeSecondsBehindTheNewest() {
    MinuteWatermarks watermarks = generator();
    watermarks.onEvent(at(NOW), NOW, out);
    watermarks.onEvent(at(NOW - 60_000), NOW - 60_000, out);
    watermarks.onEvent(at(NOW + 1_500), NOW + 1_500, out);
    assertThat(out.watermarks).containsExactly(floor(NOW - 5_000), floor(NOW - 3_500));
  }

  @Test
  void aQuietLivePartitionMovesOnWithTheClockMinuteAfterMinute() {
    MinuteWatermarks watermarks = generator();
    watermarks.onEvent(at(NOW), NOW, out);
    activity.advanceTime(Duration.ofSeconds(29));
    watermarks.onPeriodicEmit(out);
    assertThat(out.watermarks).as("not quiet long enough").containsExactly(floor(NOW - 5_000));
    activity.advanceTime(Duration.ofSeconds(1));
    watermarks.onPeriodicEmit(out);
    assertThat(out.last()).isEqualTo(floor(NOW + 25_000));
    activity.advanceTime(Duration.ofMinutes(6));
    watermarks.onPeriodicEmit(out);
    assertThat(out.last()).as("six minutes later the 5 minute window is past the last event").isEqualTo(floor(NOW + 385_000));
    assertThat(out.idle).isFalse();
    watermarks.onEvent(at(NOW + 386_000), NOW + 386_000, out);
    assertThat(out.last()).isEqualTo(floor(NOW + 385_000)).as("an event only moves it forward");
  }

  @Test
  void aQuietPartitionOfOldEventsOrOfNoneStopsHoldingTheOthersBack() {
    MinuteWatermarks backfill = generator();
    backfill.onEvent(at(NOW - 3_600_000), NOW - 3_600_000, out);
    activity.advanceTime(Duration.ofSeconds(30));
    backfill.onPeriodicEmit(out);
    assertThat(out.idle).isTrue();
    assertThat(out.watermarks).containsExactly(floor(NOW - 3_605_000));
    backfill.onEvent(at(NOW - 3_500_000), NOW - 3_500_000, out);
    assertThat(out.idle).as("active again with its next event").isFalse();

    Recorded none = new Recorded();
    MinuteWatermarks empty = generator();
    activity.advanceTime(Duration.ofSeconds(30));
    empty.onPeriodicEmit(none);
    assertThat(none.idle).isTrue();
    assertThat(none.watermarks).isEmpty();
  }

  private static long floor(long at) {
    return Math.floorDiv(at, 1000) * 1000 - 1;
  }

  private static final class Recorded implements WatermarkOutput {
    final List<Long> watermarks = new ArrayList<>();
    boolean idle;

    @Override
    public void emitWatermark(Watermark watermark) {
      watermarks.add(watermark.getTimestamp());
      idle = false;
    }

    @Override
    public void markIdle() {
      idle = true;
    }

    @Override
    public void markActive() {
      idle = false;
    }

    long last() {
      return watermarks.get(watermarks.size() - 1);
    }
  }
}
