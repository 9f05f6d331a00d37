package dev.tally.stream.flink;

import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.stream.metrics.RollingEnd;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Chained to the source: the end of the newest minute of event time read so far, each time it grows
 * (so about once per minute of event time and subtask). Broadcast to {@link RollingWindows}, where
 * it ends every organization's windows at the end of a bounded input. Nothing is kept in state: after
 * a restart the first event sends its minute again, and the receiver keeps the newest.
 */
final class InputEnd implements FlatMapFunction<AnalyticsEvent, Long> {

  private static final long serialVersionUID = 1L;

  private transient Long sent;

  @Override
  public void flatMap(AnalyticsEvent event, Collector<Long> out) {
    long end = RollingEnd.ofInputAt(event.getOccurredAt().toEpochMilli());
    if (sent == null || end > sent) {
      sent = end;
      out.collect(end);
    }
  }
}
