package dev.tally.stream.flink;

import dev.tally.stream.dedup.EventFingerprints;
import dev.tally.stream.fingerprint.Fingerprint;
import dev.tally.stream.event.TrackedEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by organization: passes the first copy of each event id and drops the others
 * ({@code duplicateEvents}), exactly within the horizon of event time: {@link EventFingerprints}
 * keeps the ids of the events at most a horizon behind the watermark, and drops them as the
 * watermark moves on (at event-time timers, so also when the organization is quiet). An event older than that cannot be judged; since the horizon is longer than a minute's
 * allowed lateness, it is too late for its minute too: it goes to {@link #TOO_LATE}
 * ({@code tooLateEvents}) and the nightly batch counts it.
 */
public final class DeduplicateEvents extends KeyedProcessFunction<String, TrackedEvent, TrackedEvent> {

  private static final long serialVersionUID = 1L;

  public static final OutputTag<LateEvent> TOO_LATE =
      new OutputTag<>("too-late-for-deduplication", TypeInformation.of(LateEvent.class));

  private final long horizonMs;
  private final long sliceMs;
  private transient ValueState<EventFingerprints> fingerprints;
  private transient Counter duplicates;
  private transient Counter tooLate;

  /** @param horizon how far behind the watermark an event may be and still be judged; at least one second */
  public DeduplicateEvents(Duration horizon) {
    this.horizonMs = horizon.toMillis();
    this.sliceMs = sliceOf(horizon);
  }

  /** Slices of a quarter of the horizon, in whole seconds: about 1.25 horizons of ids are kept. */
  static long sliceOf(Duration horizon) {
    return Math.max(1000, (horizon.toMillis() / 4 + 999) / 1000 * 1000);
  }

  @Override
  public void open(OpenContext context) {
    fingerprints = getRuntimeContext().getState(
        new ValueStateDescriptor<>("event-fingerprints", TypeInformation.of(EventFingerprints.class)));
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
    tooLate = getRuntimeContext().getMetricGroup().counter("tooLateEvents");
  }

  @Override
  public void processElement(TrackedEvent event, Context ctx, Collector<TrackedEvent> out) throws Exception {
    EventFingerprints seen = fingerprints.value();
    if (seen == null) {
      seen = new EventFingerprints();
    }
    long watermark = Math.max(seen.watermark, ctx.timerService().currentWatermark());
    seen.watermark = watermark;
    long oldest = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - horizonMs;
    if (event.occurredAt < oldest) {
      tooLate.inc();
      ctx.output(TOO_LATE, LateEvent.of(event, watermark, "minute"));
      return;
    }
    if (seen.isEmpty()) {
      // slices are dropped by this timer and the next ones it sets, one at each oldest slice's end plus
      // the horizon, busy organization or quiet: while any slice is held, a timer is pending
      ctx.timerService().registerEventTimeTimer(Math.floorDiv(event.occurredAt, sliceMs) * sliceMs + sliceMs + horizonMs);
    }
    boolean first = seen.add(Fingerprint.of(event.eventId), event.occurredAt, sliceMs);
    fingerprints.update(seen);
    if (first) {
      out.collect(event);
    } else {
      duplicates.inc();
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<TrackedEvent> out) throws Exception {
    EventFingerprints seen = fingerprints.value();
    if (seen == null) {
      return;
    }
    long watermark = Math.max(seen.watermark, ctx.timerService().currentWatermark());
    long nextEnd = seen.dropEndingBy(watermark - horizonMs, sliceMs);
    if (seen.isEmpty()) {
      fingerprints.clear();
      return;
    }
    seen.watermark = watermark;
    fingerprints.update(seen);
    ctx.timerService().registerEventTimeTimer(nextEnd + horizonMs);
  }
}
