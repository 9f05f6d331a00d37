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
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by organization: keeps the last 24 hours of minute panes and emits the 5 min, 1 h and
 * 24 h windows ending at the newest closed minute boundary, once a minute while the organization
 * has panes inside 24 hours (so quiet organizations roll down to zero), and again right away when
 * a late event changed a minute inside the current windows.
 *
 * <p>At the end of a bounded input (tests, backfills) the watermark jumps to its maximum; the
 * windows then end after the newest minute that had events, not a day later.
 */
public final class RollingWindows extends KeyedProcessFunction<String, MinuteMetrics, RollingMetrics> {

  private static final long serialVersionUID = 1L;
  private static final long LONGEST = RollingWindow.longest().millis();

  private transient MapState<Long, MinutePane> panes;
  private transient ValueState<Long> windowEnd;

  @Override
  public void open(OpenContext context) {
    panes = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("rolling-panes", Types.LONG, TypeInformation.of(MinutePane.class)));
    windowEnd = getRuntimeContext().getState(new ValueStateDescriptor<>("window-end", Types.LONG));
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
    TreeMap<Long, MinutePane> current = current();
    long end = watermark == Long.MAX_VALUE
        ? (current.isEmpty() ? EventTime.closedUpTo(timestamp) : current.lastKey() + EventTime.MINUTE_MS)
        : EventTime.closedUpTo(watermark);
    Long previous = windowEnd.value();
    if (previous != null && end <= previous) {
      return;
    }
    for (Long old : current.headMap(end - LONGEST).keySet()) {
      panes.remove(old);
    }
    windowEnd.update(end);
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
