package dev.tally.stream.flink;

import dev.tally.stream.event.TrackedEvent;
import dev.tally.stream.metrics.EventTime;
import dev.tally.stream.metrics.MinuteMetrics;
import dev.tally.stream.metrics.MinutePane;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by organization: adds each (deduplicated) event to its minute's pane. An open minute is
 * emitted every update interval (processing time) while it changes, so it is visible seconds after
 * its events arrive; it is emitted when the watermark closes it, and again after each late event
 * within the allowed lateness; its pane is dropped once the lateness has passed. Every emission
 * carries the pane's event count as version: an organization's events come from one Kafka partition
 * in one order, so a replay emits the same content for the same version, and the highest version
 * (the closed minute) is the same whatever the timing of the early ones. Events later than that are counted
 * ({@code tooLateEvents}) and sent to the {@link #TOO_LATE} side output.
 */
public final class MinuteAggregator extends KeyedProcessFunction<String, TrackedEvent, MinuteMetrics> {

  private static final long serialVersionUID = 1L;

  public static final OutputTag<LateEvent> TOO_LATE = new OutputTag<>("too-late-for-minute", TypeInformation.of(LateEvent.class));

  private final long allowedLatenessMs;
  private final long updateIntervalMs;
  private transient MapState<Long, MinutePane> panes;
  private transient MapState<Long, Boolean> changedOpenMinutes;
  private transient ValueState<Long> updateTimer;
  private transient ValueState<Long> firedUpTo;
  private transient Counter tooLate;
  private transient Counter lateUpdates;
  /** The operator's event-time watermark when it last saw an event or timer, for the lag gauge. */
  private transient volatile long latestWatermark = Long.MIN_VALUE;

  /**
   * @param updateInterval how often open minutes that changed are emitted; zero: only when closed
   */
  public MinuteAggregator(Duration allowedLateness, Duration updateInterval) {
    this.allowedLatenessMs = allowedLateness.toMillis();
    this.updateIntervalMs = updateInterval.toMillis();
  }

  @Override
  public void open(OpenContext context) {
    panes = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("minute-panes", Types.LONG, TypeInformation.of(MinutePane.class)));
    changedOpenMinutes = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("changed-open-minutes", Types.LONG, Types.BOOLEAN));
    updateTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("update-timer", Types.LONG));
    firedUpTo = getRuntimeContext().getState(new ValueStateDescriptor<>("event-time-fired-up-to", Types.LONG));
    tooLate = getRuntimeContext().getMetricGroup().counter(StreamMetrics.EVENTS_TOO_LATE);
    lateUpdates = getRuntimeContext().getMetricGroup().counter(StreamMetrics.EVENTS_LATE_WITHIN_LATENESS);
    getRuntimeContext().getMetricGroup().gauge(StreamMetrics.WATERMARK_LAG, (Gauge<Double>) () -> latestWatermark == Long.MIN_VALUE
        ? Double.NaN : (System.currentTimeMillis() - latestWatermark) / 1000.0);
  }

  @Override
  public void processElement(TrackedEvent event, Context ctx, Collector<MinuteMetrics> out) throws Exception {
    // After a restore the watermark starts again from nothing, but this organization's minutes that
    // closed or ended their lateness before the checkpoint stay so: an event for a minute whose pane
    // was already dropped must not start a new pane holding only itself (it would replace the whole
    // minute in the rolling windows), and one for a closed minute is a late update.
    latestWatermark = ctx.timerService().currentWatermark();
    Long fired = firedUpTo.value();
    long watermark = fired == null ? ctx.timerService().currentWatermark() : Math.max(fired, ctx.timerService().currentWatermark());
    if (EventTime.isTooLate(event.occurredAt, watermark, allowedLatenessMs)) {
      tooLate.inc();
      ctx.output(TOO_LATE, LateEvent.of(event, watermark, "minute"));
      return;
    }
    long minute = EventTime.minuteOf(event.occurredAt);
    boolean closed = EventTime.isClosed(minute, watermark);
    MinutePane pane = panes.get(minute);
    if (pane == null) {
      pane = new MinutePane();
      if (!closed) {
        ctx.timerService().registerEventTimeTimer(EventTime.lastMillisecond(minute));
      }
      ctx.timerService().registerEventTimeTimer(EventTime.lastMillisecond(minute) + allowedLatenessMs);
    }
    pane.add(event);
    panes.put(minute, pane);
    if (closed) {
      lateUpdates.inc();
      out.collect(new MinuteMetrics(ctx.getCurrentKey(), minute, pane.copy()));
    } else if (updateIntervalMs > 0) {
      changedOpenMinutes.put(minute, Boolean.TRUE);
      if (updateTimer.value() == null) {
        long at = ctx.timerService().currentProcessingTime() + updateIntervalMs;
        ctx.timerService().registerProcessingTimeTimer(at);
        updateTimer.update(at);
      }
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<MinuteMetrics> out) throws Exception {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      // every changed minute still here, closed since or not: closing takes a minute off this list as it
      // sends it, so one still on it was not sent. After a restore the watermark starts again from
      // nothing: a replayed late event for a minute closed before the checkpoint counts as "open", and
      // by the time this timer fires the watermark has passed it again. Skipping closed minutes lost that
      // update for good (rolling windows restored without it; the restart test caught it).
      for (Long minute : changedOpenMinutes.keys()) {
        MinutePane pane = panes.get(minute);
        if (pane != null) {
          out.collect(new MinuteMetrics(ctx.getCurrentKey(), minute, pane.copy()));
        }
      }
      changedOpenMinutes.clear();
      updateTimer.clear();
      return;
    }
    // One timestamp may be both a minute's close and an older minute's end of lateness.
    Long fired = firedUpTo.value();
    if (fired == null || fired < timestamp) {
      firedUpTo.update(timestamp);
    }
    long closing = timestamp + 1 - EventTime.MINUTE_MS;
    MinutePane pane = panes.get(closing);
    changedOpenMinutes.remove(closing);
    if (pane != null && allowedLatenessMs > 0) {
      out.collect(new MinuteMetrics(ctx.getCurrentKey(), closing, pane.copy()));
    } else if (pane != null) {
      out.collect(new MinuteMetrics(ctx.getCurrentKey(), closing, pane));
      panes.remove(closing);
    }
    if (allowedLatenessMs > 0) {
      panes.remove(closing - allowedLatenessMs);
    }
  }
}
