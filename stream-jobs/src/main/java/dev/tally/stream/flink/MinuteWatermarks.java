package dev.tally.stream.flink;

import dev.tally.schemas.event.AnalyticsEvent;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Event-time watermarks of one Kafka partition, with bounded out-of-orderness, moved forward by the
 * events themselves in whole seconds (at most one watermark per second of event time). Because they
 * follow the data and not the clock, replaying a partition decides "late" the same way.
 *
 * <p>A partition without events for the idleness timeout:
 * <ul>
 *   <li>when its newest event was live (within {@code liveLag} of the clock when the last event came), moves its
 *       watermark on with the clock from that event, as if event time went on: a quiet stack's
 *       minutes close, its rolling windows move and roll down to zero, its sessions end;</li>
 *   <li>otherwise (a backfill of older events, events far in the future, or no event yet) stops holding the other partitions
 *       back (Flink's idleness), so a replayed past never jumps to the present.</li>
 * </ul>
 * The quiet time is measured with Flink's input activity clock, which stands still while the job
 * is backpressured, so a busy job does not move event time on its own.
 */
public final class MinuteWatermarks implements WatermarkGenerator<AnalyticsEvent> {

  private static final long NONE = Long.MIN_VALUE;

  private final long outOfOrdernessMs;
  private final long idlenessMs;
  private final long liveLagMs;
  private final RelativeClock activity;
  private final LongSupplier wallClock;
  private long maxTimestamp = NONE;
  private long lastEventAt;
  /** The newest event was within the live lag of the clock when the partition's last event came. */
  private boolean live;
  private long emitted = NONE;
  private boolean idle;

  MinuteWatermarks(Duration outOfOrderness, Duration idleness, Duration liveLag, RelativeClock activity, LongSupplier wallClock) {
    this.outOfOrdernessMs = outOfOrderness.toMillis();
    this.idlenessMs = idleness.toMillis();
    this.liveLagMs = liveLag.toMillis();
    this.activity = activity;
    this.wallClock = wallClock;
    this.lastEventAt = activity.relativeTimeMillis();
  }

  /**
   * @param idleness quiet time after which a partition moves with the clock or stops holding others back (zero: never)
   * @param liveLag how far from the clock a partition's newest event may be for it to move with the clock
   */
  public static WatermarkStrategy<AnalyticsEvent> strategy(Duration outOfOrderness, Duration idleness, Duration liveLag) {
    return WatermarkStrategy
        .<AnalyticsEvent>forGenerator(context -> new MinuteWatermarks(outOfOrderness, idleness, liveLag,
            context.getInputActivityClock(), System::currentTimeMillis))
        .withTimestampAssigner((event, previous) -> event.getOccurredAt().toEpochMilli());
  }

  @Override
  public void onEvent(AnalyticsEvent event, long timestamp, WatermarkOutput output) {
    lastEventAt = activity.relativeTimeMillis();
    if (idle) {
      idle = false;
      output.markActive();
    }
    if (timestamp > maxTimestamp) {
      maxTimestamp = timestamp;
      emit(timestamp - outOfOrdernessMs, output);
    }
    live = Math.abs(wallClock.getAsLong() - maxTimestamp) <= liveLagMs;
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    long quiet = activity.relativeTimeMillis() - lastEventAt;
    if (idlenessMs == 0 || quiet < idlenessMs) {
      return;
    }
    if (live) {
      emit(maxTimestamp + quiet - outOfOrdernessMs, output);
    } else if (!idle) {
      idle = true;
      output.markIdle();
    }
  }

  private void emit(long at, WatermarkOutput output) {
    long watermark = Math.floorDiv(at, 1000) * 1000 - 1;
    if (watermark > emitted) {
      emitted = watermark;
      output.emitWatermark(new Watermark(watermark));
    }
  }
}
