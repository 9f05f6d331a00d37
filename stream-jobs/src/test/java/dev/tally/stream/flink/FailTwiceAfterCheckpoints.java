package dev.tally.stream.flink;

import dev.tally.schemas.event.AnalyticsEvent;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Two injected task failures, each a few hundred events after a checkpoint completed; Flink restarts
 * the job from that checkpoint. The first comes early; the second only at an event from {@code lateFrom}
 * on (event time), so that the restored attempt replays the end of the input, where organizations
 * have gone quiet, with watermarks that start over. Slows the events down (about 2,000 per second
 * and subtask) so that checkpoints complete mid-stream.
 */
final class FailTwiceAfterCheckpoints implements MapFunction<AnalyticsEvent, AnalyticsEvent>, CheckpointListener {

  private static final long serialVersionUID = 1L;

  /** Shared by every subtask and attempt in the test's JVM (MiniCluster). */
  static final AtomicInteger FAILURES_LEFT = new AtomicInteger();

  private final long lateFrom;
  private transient boolean armed;
  private transient int seen;
  private transient int sinceArmed;

  /** @param lateFrom epoch milliseconds of event time from which the second failure may come */
  FailTwiceAfterCheckpoints(long lateFrom) {
    this.lateFrom = lateFrom;
  }

  @Override
  public AnalyticsEvent map(AnalyticsEvent event) throws Exception {
    if (++seen % 20 == 0) {
      Thread.sleep(10);
    }
    if (armed && ++sinceArmed > 300 && (FAILURES_LEFT.compareAndSet(2, 1)
        || event.getOccurredAt().toEpochMilli() >= lateFrom && FAILURES_LEFT.compareAndSet(1, 0))) {
      throw new IllegalStateException("injected failure (test)");
    }
    return event;
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    armed = true;
  }
}
