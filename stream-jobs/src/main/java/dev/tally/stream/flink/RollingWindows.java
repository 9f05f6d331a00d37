package dev.tally.stream.flink;

import dev.tally.stream.metrics.EventTime;
import dev.tally.stream.metrics.MinuteMetrics;
import dev.tally.stream.metrics.MinutePane;
import dev.tally.stream.metrics.RollingEnd;
import dev.tally.stream.metrics.RollingMetrics;
import dev.tally.stream.metrics.RollingTotals;
import dev.tally.stream.metrics.RollingWindow;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by organization: keeps the last 24 hours of minute panes and the 5 min, 1 h and 24 h windows
 * over them as {@link RollingTotals} (moved a minute at a time, not merged again), and emits the
 * windows at the end {@link RollingEnd} gives: the newest closed minute boundary, once a minute
 * while the organization has panes inside 24 hours (so quiet organizations roll down to zero), and
 * again right away when a late event changed a minute inside the current windows. When event time
 * runs faster than the clock (catching up a backlog), they are written at most once per interval.
 * Once every window is empty (24 hours after the newest minute) the organization's state is cleared.
 *
 * <p>The broadcast input is {@link InputEnd}: the end of the newest minute of the whole input. At
 * the end of a bounded input (tests, backfills) every organization's windows end there, so the final
 * rows depend on the input only, not on which watermarks an organization's timers happened to see.
 */
public final class RollingWindows extends KeyedBroadcastProcessFunction<String, MinuteMetrics, Long, RollingMetrics> {

  private static final long serialVersionUID = 1L;
  private static final long LONGEST = RollingWindow.longest().millis();

  /** The broadcast state: the newest {@link InputEnd} under {@link #INPUT_END_KEY}. */
  public static final MapStateDescriptor<String, Long> INPUT_END =
      new MapStateDescriptor<>("input-end", Types.STRING, Types.LONG);
  private static final String INPUT_END_KEY = "end";

  /**
   * While event time runs ahead of the clock (a backlog), an organization's windows are written at
   * most this often: three rows per organization for every minute of event time would be most of
   * the work of catching up, and rows that are replaced at once. Live, a minute of event time takes
   * a minute, so windows are still written every minute.
   */
  public static final java.time.Duration CATCH_UP_INTERVAL = java.time.Duration.ofSeconds(30);

  private final long minIntervalMs;
  private transient MapState<Long, MinutePane> panes;
  private transient ValueState<RollingTotals> totals;
  private transient ValueState<Long> newestMinute;
  private transient ValueState<Long> windowEnd;
  private transient ValueState<Long> lastWritten;
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
    totals = getRuntimeContext().getState(new ValueStateDescriptor<>("rolling-totals", TypeInformation.of(RollingTotals.class)));
    newestMinute = getRuntimeContext().getState(new ValueStateDescriptor<>("newest-minute", Types.LONG));
    windowEnd = getRuntimeContext().getState(new ValueStateDescriptor<>("window-end", Types.LONG));
    lastWritten = getRuntimeContext().getState(new ValueStateDescriptor<>("last-written", Types.LONG));
    catchUpTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("catch-up-timer", Types.LONG));
  }

  @Override
  public void processBroadcastElement(Long end, Context ctx, Collector<RollingMetrics> out) throws Exception {
    Long known = ctx.getBroadcastState(INPUT_END).get(INPUT_END_KEY);
    if (known == null || end > known) {
      ctx.getBroadcastState(INPUT_END).put(INPUT_END_KEY, end);
    }
  }

  @Override
  public void processElement(MinuteMetrics minute, ReadOnlyContext ctx, Collector<RollingMetrics> out) throws Exception {
    Long end = windowEnd.value();
    if (end != null && minute.minute < end - LONGEST) {
      return; // before every window now and later
    }
    boolean insideWindows = end != null && minute.minute < end;
    // the pane it replaces matters only inside the windows (most updates are of the open minute)
    MinutePane old = insideWindows ? panes.get(minute.minute) : null;
    panes.put(minute.minute, minute.pane);
    Long newest = newestMinute.value();
    if (newest == null || minute.minute > newest) {
      newestMinute.update(minute.minute);
    }
    if (insideWindows) {
      // a late event changed a minute inside the current windows
      RollingTotals windows = totals.value();
      windows.replace(end, minute.minute, old, minute.pane);
      totals.update(windows);
      emit(ctx.getCurrentKey(), end, windows, out);
    }
    // the windows move on once the watermark passes this minute, or the current end's minute
    ctx.timerService().registerEventTimeTimer(EventTime.lastMillisecond(end == null ? minute.minute : Math.max(end, minute.minute)));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<RollingMetrics> out) throws Exception {
    long watermark = ctx.timerService().currentWatermark();
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      catchUpTimer.clear();
      if (watermark == Long.MIN_VALUE) {
        return;
      }
    }
    long now = ctx.timerService().currentProcessingTime();
    Long last = lastWritten.value();
    if (watermark != RollingEnd.END_OF_INPUT && minIntervalMs > 0 && last != null && now - last < minIntervalMs) {
      // event time runs faster than the clock (a backlog, a replay): merging a day of panes for every
      // minute would be quadratic; the newest windows are written when the interval is over. Until
      // then, one cheap look per minute of event time, at the next minute end after the watermark
      // (a timer at or before the watermark would fire again at once: a busy loop for the interval)
      if (catchUpTimer.value() == null) {
        catchUpTimer.update(last + minIntervalMs);
        ctx.timerService().registerProcessingTimeTimer(last + minIntervalMs);
      }
      ctx.timerService().registerEventTimeTimer(EventTime.lastMillisecond(EventTime.closedUpTo(watermark)));
      return;
    }
    Long newest = newestMinute.value();
    if (newest == null) {
      return; // every window is empty and was written so
    }
    Long inputEnd = ctx.getBroadcastState(INPUT_END).get(INPUT_END_KEY);
    long end = RollingEnd.of(watermark, newest, inputEnd == null ? Long.MIN_VALUE : inputEnd);
    Long previous = windowEnd.value();
    if (previous != null && end <= previous) {
      return;
    }
    RollingTotals windows = totals.value();
    if (windows == null) {
      windows = new RollingTotals();
    }
    windows.advance(previous == null ? Long.MIN_VALUE : previous, end, heldPanes());
    lastWritten.update(now);
    emit(ctx.getCurrentKey(), end, windows, out);
    if (end >= RollingEnd.quiet(newest)) {
      // every window is empty now and stays so until the next event: nothing of the organization is kept
      panes.clear();
      totals.clear();
      newestMinute.clear();
      windowEnd.clear();
      lastWritten.clear();
      return;
    }
    totals.update(windows);
    windowEnd.update(end);
    if (watermark != RollingEnd.END_OF_INPUT) {
      ctx.timerService().registerEventTimeTimer(EventTime.lastMillisecond(end));
    }
  }

  private static void emit(String organizationId, long end, RollingTotals windows, Collector<RollingMetrics> out) {
    for (RollingMetrics window : windows.rows(organizationId, end)) {
      out.collect(window);
    }
  }

  private RollingTotals.Panes heldPanes() {
    return new RollingTotals.Panes() {
      @Override
      public MinutePane get(long minute) throws Exception {
        return panes.get(minute);
      }

      @Override
      public List<Long> minutes() throws Exception {
        List<Long> minutes = new ArrayList<>();
        panes.keys().forEach(minutes::add);
        return minutes;
      }

      @Override
      public void remove(long minute) throws Exception {
        panes.remove(minute);
      }
    };
  }
}
