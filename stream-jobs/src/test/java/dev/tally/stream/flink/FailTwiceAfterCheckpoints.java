package dev.tally.stream.flink;

import dev.tally.schemas.event.AnalyticsEvent;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Injected task failures: a few hundred events after a checkpoint completed, the task throws, until
 * {@link #FAILURES_LEFT} is used up; Flink restarts the job from that checkpoint. Slows the events
 * down (about 2,000 per second and subtask) so that checkpoints complete mid-stream.
 */
final class FailTwiceAfterCheckpoints implements MapFunction<AnalyticsEvent, AnalyticsEvent>, CheckpointListener {

  private static final long serialVersionUID = 1L;

  /** Shared by every subtask and attempt in the test's JVM (MiniCluster). */
  static final AtomicInteger FAILURES_LEFT = new AtomicInteger();

  private transient boolean armed;
  private transient int seen;
  private transient int sinceArmed;

  @Override
  public AnalyticsEvent map(AnalyticsEvent event) throws Exception {
    if (++seen % 20 == 0) {
      Thread.sleep(10);
    }
    if (armed && ++sinceArmed > 300 && FAILURES_LEFT.getAndDecrement() > 0) {
      throw new IllegalStateException("injected failure (test)");
    }
    return event;
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    armed = true;
  }
}
