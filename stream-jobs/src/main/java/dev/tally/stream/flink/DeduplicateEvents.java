package dev.tally.stream.flink;

import dev.tally.stream.event.TrackedEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by (organization_id, event_id): passes the first event of each key and drops the others
 * ({@code duplicateEvents}). A key is remembered for the TTL after it was first seen (processing
 * time, Flink's TTL, cleaned up incrementally); a duplicate arriving later than that counts again in
 * the stream, and the nightly batch, which deduplicates whole days, corrects its day. One small
 * state per key, not a map per organization: Flink's TTL cleanup copies a whole map state to check
 * it, which made a per-organization map quadratic.
 */
public final class DeduplicateEvents extends KeyedProcessFunction<String, TrackedEvent, TrackedEvent> {

  private static final long serialVersionUID = 1L;

  private final Duration ttl;
  private transient ValueState<Boolean> seen;
  private transient Counter duplicates;

  public DeduplicateEvents(Duration ttl) {
    this.ttl = ttl;
  }

  /** The key of this operator's input. */
  public static String eventKey(TrackedEvent event) {
    return event.organizationId + '\u0000' + event.eventId;
  }

  @Override
  public void open(OpenContext context) {
    ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
    // each access creates at most one key, so checking one other key per access for expiry keeps the
    // expired keys bounded; Flink's default of five made the checks a quarter of this operator's time
    descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl).updateTtlOnCreateAndWrite().neverReturnExpired()
        .cleanupIncrementally(1, false).build());
    seen = getRuntimeContext().getState(descriptor);
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
  }

  @Override
  public void processElement(TrackedEvent event, Context ctx, Collector<TrackedEvent> out) throws Exception {
    if (seen.value() != null) {
      duplicates.inc();
      return;
    }
    seen.update(Boolean.TRUE);
    out.collect(event);
  }
}
