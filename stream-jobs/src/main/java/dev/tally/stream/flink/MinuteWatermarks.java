package dev.tally.stream.flink;

import dev.tally.schemas.event.AnalyticsEvent;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event-time watermarks with bounded out-of-orderness, moved forward by the events themselves in
 * whole seconds (at most one watermark per second of event time and partition). Because they
 * follow the data and not the wall clock, replaying the same partition decides "late" the same way;
 * a partition silent for the idleness timeout stops holding the others back.
 */
public final class MinuteWatermarks implements WatermarkGenerator<AnalyticsEvent> {

  private final long outOfOrdernessMs;
  private long maxTimestamp = Long.MIN_VALUE;
  private long emitted = Long.MIN_VALUE;

  MinuteWatermarks(Duration outOfOrderness) {
    this.outOfOrdernessMs = outOfOrderness.toMillis();
  }

  public static WatermarkStrategy<AnalyticsEvent> strategy(Duration outOfOrderness, Duration idleness) {
    WatermarkStrategy<AnalyticsEvent> strategy = WatermarkStrategy
        .<AnalyticsEvent>forGenerator(context -> new MinuteWatermarks(outOfOrderness))
        .withTimestampAssigner((event, previous) -> event.getOccurredAt().toEpochMilli());
    return idleness.isZero() ? strategy : strategy.withIdleness(idleness);
  }

  @Override
  public void onEvent(AnalyticsEvent event, long timestamp, WatermarkOutput output) {
    if (timestamp <= maxTimestamp) {
      return;
    }
    maxTimestamp = timestamp;
    long watermark = Math.floorDiv(timestamp - outOfOrdernessMs, 1000) * 1000 - 1;
    if (watermark > emitted) {
      emitted = watermark;
      output.emitWatermark(new Watermark(watermark));
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    // watermarks follow the events only (see the class comment)
  }
}
