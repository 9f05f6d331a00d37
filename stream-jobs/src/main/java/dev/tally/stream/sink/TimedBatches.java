package dev.tally.stream.sink;

import java.io.IOException;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * A sink writer that sends what it buffers when {@code batchRows} are buffered, when the oldest has
 * waited {@code maxDelayMs} (looked at every quarter of that, on the task's processing-time service,
 * so sends never race the writes), and whatever is buffered on every checkpoint (Flink calls
 * {@link #flush} before the barrier, which also waits for {@link #awaitSent}), so nothing waits
 * across a restart.
 */
public abstract class TimedBatches<T> implements SinkWriter<T> {

  private final ProcessingTimeService time;
  private final int batchRows;
  private final long maxDelayMs;
  private long oldest;

  protected TimedBatches(ProcessingTimeService time, int batchRows, long maxDelayMs) {
    this.time = time;
    this.batchRows = batchRows;
    this.maxDelayMs = maxDelayMs;
    scheduleCheck();
  }

  /** Adds one element to the buffer. */
  protected abstract void add(T element) throws IOException;

  /** Elements buffered. */
  protected abstract int buffered();

  /** Sends the buffer (not empty) and empties it, or throws to fail the task. */
  protected abstract void send() throws IOException;

  /** Waits until what {@link #send} started is in the store (for a writer that sends in the background). */
  protected void awaitSent() throws IOException {}

  @Override
  public final void write(T element, Context context) throws IOException {
    if (buffered() == 0) {
      oldest = time.getCurrentProcessingTime();
    }
    add(element);
    if (buffered() >= batchRows) {
      send();
    }
  }

  @Override
  public final void flush(boolean endOfInput) throws IOException {
    if (buffered() > 0) {
      send();
    }
    awaitSent();
  }

  private void scheduleCheck() {
    time.registerTimer(time.getCurrentProcessingTime() + Math.max(50, maxDelayMs / 4), now -> {
      if (buffered() > 0 && now - oldest >= maxDelayMs) {
        send();
      }
      scheduleCheck();
    });
  }
}
