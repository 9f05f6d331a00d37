package dev.tally.stream.flink;

import dev.tally.stream.config.StreamSettings.StateBackend;
import dev.tally.stream.dedup.EventFingerprints;
import dev.tally.stream.dedup.EventFingerprintsSerializer;
import dev.tally.stream.event.TrackedEvent;
import dev.tally.stream.fingerprint.Fingerprint;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by organization: passes the first copy of each event id and drops the others
 * ({@code duplicateEvents}), exactly within the horizon of event time. The ids of the events at most
 * a horizon behind the watermark are kept as 64-bit fingerprints in slices of event time (a quarter
 * of the horizon), and a slice is dropped as the watermark passes its end by the horizon (at
 * event-time timers, so also when the organization is quiet). An event older than that cannot be
 * judged; since the horizon is longer than a minute's allowed lateness, it is too late for its
 * minute too: it goes to {@link #TOO_LATE} ({@code tooLateEvents}) and the nightly batch counts it.
 *
 * <p>Two layouts of the same rule, one per state backend. On the heap an organization's ids are one
 * {@link EventFingerprints} value, read and changed in place. On RocksDB each value read is
 * deserialized and each write serialized, so there the ids are kept one by one in a map state
 * (fingerprint to slice start) beside a small {@link SliceIndex}: an event costs one lookup and one
 * write, and a slice is dropped by one pass over the organization's ids.
 */
public final class DeduplicateEvents extends KeyedProcessFunction<String, TrackedEvent, TrackedEvent> {

  private static final long serialVersionUID = 1L;

  public static final OutputTag<LateEvent> TOO_LATE =
      new OutputTag<>("too-late-for-deduplication", TypeInformation.of(LateEvent.class));

  private final long horizonMs;
  private final long sliceMs;
  private final StateBackend backend;
  private transient Seen seen;
  private transient Counter duplicates;
  private transient Counter tooLate;

  /**
   * @param horizon how far behind the watermark an event may be and still be judged; at least one second
   * @param backend the state backend the job runs on, which decides the layout of the ids
   */
  public DeduplicateEvents(Duration horizon, StateBackend backend) {
    this.horizonMs = horizon.toMillis();
    this.sliceMs = sliceOf(horizon);
    this.backend = backend;
  }

  /** Slices of a quarter of the horizon, in whole seconds: about 1.25 horizons of ids are kept. */
  static long sliceOf(Duration horizon) {
    return Math.max(1000, (horizon.toMillis() / 4 + 999) / 1000 * 1000);
  }

  @Override
  public void open(OpenContext context) {
    seen = backend == StateBackend.ROCKSDB ? new OneByOne() : new OnHeap();
    duplicates = getRuntimeContext().getMetricGroup().counter(StreamMetrics.EVENTS_DEDUPLICATED);
    tooLate = getRuntimeContext().getMetricGroup().counter(StreamMetrics.EVENTS_TOO_LATE);
  }

  @Override
  public void processElement(TrackedEvent event, Context ctx, Collector<TrackedEvent> out) throws Exception {
    seen.load();
    long watermark = Math.max(seen.watermark(), ctx.timerService().currentWatermark());
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
    boolean first = seen.add(Fingerprint.of(event.eventId), event.occurredAt, watermark);
    if (first) {
      out.collect(event);
    } else {
      duplicates.inc();
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<TrackedEvent> out) throws Exception {
    seen.load();
    if (seen.isEmpty()) {
      return;
    }
    long watermark = Math.max(seen.watermark(), ctx.timerService().currentWatermark());
    long nextEnd = seen.dropEndingBy(watermark - horizonMs, watermark);
    if (nextEnd != Long.MAX_VALUE) {
      ctx.timerService().registerEventTimeTimer(nextEnd + horizonMs);
    }
  }

  /** The current organization's ids, in one layout; {@link #load} before the rest. */
  private interface Seen {
    void load() throws Exception;

    /** The newest watermark the organization's events saw (restores start again from nothing). */
    long watermark();

    boolean isEmpty();

    /** Records the id and the watermark; false when the id was already there: a duplicate. */
    boolean add(long fingerprint, long eventTime, long watermark) throws Exception;

    /** Drops the slices that end at or before {@code oldest}; the end of the oldest slice left, or {@link Long#MAX_VALUE}. */
    long dropEndingBy(long oldest, long watermark) throws Exception;
  }

  /** On the heap: all of an organization's ids in one {@link EventFingerprints}. */
  private final class OnHeap implements Seen {
    private final ValueState<EventFingerprints> state = getRuntimeContext().getState(
        new ValueStateDescriptor<>("event-fingerprints", EventFingerprintsSerializer.INSTANCE));
    private EventFingerprints current;

    @Override
    public void load() throws Exception {
      current = state.value();
    }

    @Override
    public long watermark() {
      return current == null ? Long.MIN_VALUE : current.watermark;
    }

    @Override
    public boolean isEmpty() {
      return current == null || current.isEmpty();
    }

    @Override
    public boolean add(long fingerprint, long eventTime, long watermark) throws Exception {
      if (current == null) {
        current = new EventFingerprints();
      }
      current.watermark = watermark;
      boolean first = current.add(fingerprint, eventTime, sliceMs);
      state.update(current);
      return first;
    }

    @Override
    public long dropEndingBy(long oldest, long watermark) throws Exception {
      long nextEnd = current.dropEndingBy(oldest, sliceMs);
      if (current.isEmpty()) {
        state.clear();
      } else {
        current.watermark = watermark;
        state.update(current);
      }
      return nextEnd;
    }
  }

  /** On RocksDB: each id its own entry (fingerprint to the start of its slice), and a {@link SliceIndex}. */
  private final class OneByOne implements Seen {
    private final MapState<Long, Long> ids = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("event-ids", Types.LONG, Types.LONG));
    private final ValueState<SliceIndex> index = getRuntimeContext().getState(
        new ValueStateDescriptor<>("event-id-slices", TypeInformation.of(SliceIndex.class)));
    private SliceIndex current;

    @Override
    public void load() throws Exception {
      current = index.value();
    }

    @Override
    public long watermark() {
      return current == null ? Long.MIN_VALUE : current.watermark;
    }

    @Override
    public boolean isEmpty() {
      return current == null || current.sliceStarts.length == 0;
    }

    @Override
    public boolean add(long fingerprint, long eventTime, long watermark) throws Exception {
      if (current == null) {
        current = new SliceIndex();
      }
      boolean changed = current.watermark != watermark;
      current.watermark = watermark;
      boolean first = !ids.contains(fingerprint);
      if (first) {
        long start = Math.floorDiv(eventTime, sliceMs) * sliceMs;
        ids.put(fingerprint, start);
        changed |= current.add(start);
      }
      if (changed) {
        index.update(current);
      }
      return first;
    }

    @Override
    public long dropEndingBy(long oldest, long watermark) throws Exception {
      if (!current.anyEndingBy(oldest, sliceMs)) {
        return current.oldestEnd(sliceMs);
      }
      var entries = ids.iterator();
      while (entries.hasNext()) {
        if (entries.next().getValue() + sliceMs <= oldest) {
          entries.remove();
        }
      }
      current.dropEndingBy(oldest, sliceMs);
      if (current.sliceStarts.length == 0) {
        index.clear();
        return Long.MAX_VALUE;
      }
      current.watermark = watermark;
      index.update(current);
      return current.oldestEnd(sliceMs);
    }
  }
}
