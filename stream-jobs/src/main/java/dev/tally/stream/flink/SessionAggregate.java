package dev.tally.stream.flink;

import dev.tally.stream.event.TrackedEvent;
import dev.tally.stream.session.SessionSummary;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Flink's incremental aggregate over a session window, done by {@link SessionSummary}. */
public final class SessionAggregate implements AggregateFunction<TrackedEvent, SessionSummary, SessionSummary> {

  private static final long serialVersionUID = 1L;

  @Override
  public SessionSummary createAccumulator() {
    return new SessionSummary();
  }

  @Override
  public SessionSummary add(TrackedEvent event, SessionSummary summary) {
    summary.add(event);
    return summary;
  }

  @Override
  public SessionSummary getResult(SessionSummary summary) {
    return summary;
  }

  @Override
  public SessionSummary merge(SessionSummary a, SessionSummary b) {
    a.merge(b);
    return a;
  }
}
