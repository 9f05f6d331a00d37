package dev.tally.stream.flink;

import dev.tally.stream.event.TrackedEvent;
import dev.tally.stream.session.OpenSessions;
import dev.tally.stream.session.SessionSummary;
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
 * Sessions of inactivity {@code gap} per visitor (the key), with the semantics of Flink's
 * event-time session windows ({@link OpenSessions}) at a fraction of their cost: one value per
 * visitor instead of a merging window set with its own state, and at most one pending timer per
 * visitor that is moved forward when it fires instead of deleting and registering a timer on every
 * event. Events too late for any session go to {@link #TOO_LATE} ({@code tooLateForSessionEvents}).
 */
public final class VisitorSessions extends KeyedProcessFunction<String, TrackedEvent, SessionSummary> {

  private static final long serialVersionUID = 1L;

  public static final OutputTag<LateEvent> TOO_LATE =
      new OutputTag<>("too-late-for-session", TypeInformation.of(LateEvent.class));

  private final long gapMillis;
  private transient ValueState<OpenSessions> open;
  private transient Counter tooLate;

  public VisitorSessions(Duration gap) {
    this.gapMillis = gap.toMillis();
  }

  @Override
  public void open(OpenContext context) {
    open = getRuntimeContext().getState(new ValueStateDescriptor<>("open-sessions", TypeInformation.of(OpenSessions.class)));
    tooLate = getRuntimeContext().getMetricGroup().counter("tooLateForSessionEvents");
  }

  @Override
  public void processElement(TrackedEvent event, Context ctx, Collector<SessionSummary> out) throws Exception {
    OpenSessions sessions = open.value();
    if (sessions == null) {
      sessions = new OpenSessions();
    }
    long watermark = ctx.timerService().currentWatermark();
    if (!sessions.add(event, gapMillis, watermark)) {
      tooLate.inc();
      ctx.output(TOO_LATE, LateEvent.of(event, watermark, "session"));
      return;
    }
    long due = sessions.nextEnd(gapMillis);
    if (sessions.timerAt == OpenSessions.NO_TIMER || due < sessions.timerAt) {
      ctx.timerService().registerEventTimeTimer(due);
      sessions.timerAt = due;
    }
    open.update(sessions);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<SessionSummary> out) throws Exception {
    OpenSessions sessions = open.value();
    if (sessions == null) {
      return;
    }
    for (SessionSummary closed : sessions.closeUpTo(ctx.timerService().currentWatermark(), gapMillis)) {
      out.collect(closed);
    }
    if (sessions.isEmpty()) {
      open.clear();
      return;
    }
    // the sessions that are left were extended past this timer: one timer at the next end
    sessions.timerAt = sessions.nextEnd(gapMillis);
    ctx.timerService().registerEventTimeTimer(sessions.timerAt);
    open.update(sessions);
  }
}
