package dev.tally.stream.flink;

import dev.tally.stream.event.TrackedEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by organization: passes the first event of each event_id and drops the others
 * ({@code duplicateEvents}). An id is remembered for the TTL after it was first seen (processing
 * time, Flink's TTL); a duplicate arriving later than that counts again in the stream, and the
 * nightly batch, which deduplicates whole days, corrects its day.
 */
public final class DeduplicateEvents extends KeyedProcessFunction<String, TrackedEvent, TrackedEvent> {

  private static final long serialVersionUID = 1L;

  private final Duration ttl;
  private transient MapState<String, Boolean> seen;
  private transient Counter duplicates;

  public DeduplicateEvents(Duration ttl) {
    this.ttl = ttl;
  }

  @Override
  public void open(OpenContext context) {
    MapStateDescriptor<String, Boolean> descriptor = new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.BOOLEAN);
    descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl).updateTtlOnCreateAndWrite().neverReturnExpired().build());
    seen = getRuntimeContext().getMapState(descriptor);
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
  }

  @Override
  public void processElement(TrackedEvent event, Context ctx, Collector<TrackedEvent> out) throws Exception {
    if (seen.contains(event.eventId)) {
      duplicates.inc();
      return;
    }
    seen.put(event.eventId, Boolean.TRUE);
    out.collect(event);
  }
}
