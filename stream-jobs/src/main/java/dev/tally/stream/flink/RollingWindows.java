package dev.tally.stream.flink;

import dev.tally.stream.metrics.EventTime;
import dev.tally.stream.metrics.MinuteMetrics;
import dev.tally.stream.metrics.MinutePane;
import dev.tally.stream.metrics.RollingMetrics;
import dev.tally.stream.metrics.RollingWindow;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by organization: keeps the last 24 hours of minute panes and emits the 5 min, 1 h and
 * 24 h windows ending at the newest closed minute boundary, once a minute while the organization
 * has panes inside 24 hours (so quiet organizations roll down to zero), and again right away when
 * a late event changed a minute inside the current windows. When event time runs faster than the
 * clock (catching up a backlog), they are written at most once per interval.
 *
 * <p>At the end of a bounded input (tests, backfills) the watermark jumps to its maximum; the
 * windows then end after the newest minute that had events, not a day later.
 */
public final class RollingWindows extends KeyedProcessFunction<String, MinuteMetrics, RollingMetrics> {

  private static final long serialVersionUID = 1L;
  private static final long LONGEST = RollingWindow.longest().millis();

  /**
   * While event time runs ahead of the clock (a backlog), an organization's windows are written at
   * most this often: merging a day of minute panes is the costly part of catching up. Live, a minute
   * of event time takes a minute, so windows are still written every minute.
   */
  public static final java.time.Duration CATCH_UP_INTERVAL = java.time.Duration.ofSeconds(30);

  private final long minIntervalMs;
  private transient MapState<Long, MinutePane> panes;
  private transient ValueState<Long> windowEnd;
  private transient ValueState<Long> lastWritten;
  private transient ValueState<Long> reached;
  private transient ValueState<Long> catchUpTimer;

  /**
   * @param minInterval the shortest processing time between two writes of an organization's windows
   *     as event time advances (zero: every minute of event time); in real time a minute passes
   *     between them anyway
   */
  public RollingWindows(java.time.Duration minInterval) {
    this.minIntervalMs = minInterval.toMillis();
  }

  @Override
  public void open(OpenContext context) {
    panes = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("rolling-panes", Types.LONG, TypeInformation.of(MinutePane.class)));
    windowEnd = getRuntimeContext().getState(new ValueStateDescriptor<>("window-end", Types.LONG));
    lastWritten = getRuntimeContext().getState(new ValueStateDescriptor<>("last-written", Types.LONG));
    reached = getRuntimeContext().getState(new ValueStateDescriptor<>("event-time-reached", Types.LONG));
    catchUpTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("catch-up-timer", Types.LONG));
  }

  @Override
  public void processElement(MinuteMetrics minute, Context ctx, Collector<RollingMetrics> out) throws Exception {
    panes.put(minute.minute, minute.pane);
    Long end = windowEnd.value();
    if (end != null && minute.minute < end) {
      if (minute.minute >= end - LONGEST) {
        emit(ctx.getCurrentKey(), end, out);
      }
    } else {
      ctx.timerService().registerEventTimeTimer(EventTime.lastMillisecond(minute.minute));
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<RollingMetrics> out) throws Exception {
    long watermark = ctx.timerService().currentWatermark();
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      catchUpTimer.clear();
      if (watermark != Long.MIN_VALUE) {
        advance(ctx, watermark, timestamp, out);
      }
      return;
    }
    advance(ctx, watermark, timestamp, out);
  }

  /** Writes the windows ending at the newest closed minute, at most once per interval while catching up. */
  private void advance(OnTimerContext ctx, long watermark, long timestamp, Collector<RollingMetrics> out) throws Exception {
    TreeMap<Long, MinutePane> current = current();
    Long reachedBefore = reached.value();
    long end;
    if (watermark == Long.MAX_VALUE) {
      // end of a bounded input: as far as event time had got, and past the newest minute with events
      end = Math.max(reachedBefore == null ? Long.MIN_VALUE : reachedBefore,
          current.isEmpty() ? EventTime.closedUpTo(timestamp) : current.lastKey() + EventTime.MINUTE_MS);
    } else {
      end = EventTime.closedUpTo(watermark);
      if (reachedBefore == null || end > reachedBefore) {
        reached.update(end);
      }
    }
    Long previous = windowEnd.value();
    if (previous != null && end <= previous) {
      return;
    }
    long now = ctx.timerService().currentProcessingTime();
    Long last = lastWritten.value();
    if (watermark != Long.MAX_VALUE && minIntervalMs > 0 && last != null && now - last < minIntervalMs) {
      // event time runs faster than the clock (a backlog, a replay): merging a day of panes for every
      // minute would be quadratic; the newest windows are written when the interval is over
      if (catchUpTimer.value() == null) {
        catchUpTimer.update(last + minIntervalMs);
        ctx.timerService().registerProcessingTimeTimer(last + minIntervalMs);
      }
      ctx.timerService().registerEventTimeTimer(EventTime.lastMillisecond(end));
      return;
    }
    for (Long old : current.headMap(end - LONGEST).keySet()) {
      panes.remove(old);
    }
    windowEnd.update(end);
    lastWritten.update(now);
    emit(ctx.getCurrentKey(), end, out);
    boolean anyLeft = !current.tailMap(end + EventTime.MINUTE_MS - LONGEST).isEmpty();
    if (watermark != Long.MAX_VALUE && anyLeft) {
      ctx.timerService().registerEventTimeTimer(EventTime.lastMillisecond(end));
    }
  }

  private void emit(String organizationId, long end, Collector<RollingMetrics> out) throws Exception {
    for (RollingMetrics window : RollingMetrics.at(organizationId, end, current())) {
      out.collect(window);
    }
  }

  private TreeMap<Long, MinutePane> current() throws Exception {
    TreeMap<Long, MinutePane> sorted = new TreeMap<>();
    for (Map.Entry<Long, MinutePane> e : panes.entries()) {
      sorted.put(e.getKey(), e.getValue());
    }
    return sorted;
  }
}
