package dev.tally.stream.flink;

import dev.tally.stream.event.TrackedEvent;
import dev.tally.stream.session.OpenSessions;
import dev.tally.stream.session.SessionSummary;
import java.time.Duration;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.internal.InternalValueState;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Sessions of inactivity {@code gap} per visitor (user id, else anonymous id), on a stream keyed by
 * organization: each visitor's {@link OpenSessions} is keyed state of the organization under the
 * visitor as namespace, with its event-time timers in the same namespace (as Flink's window
 * operator keeps a window's state and timers), so sessions need no key change of their own and a
 * checkpoint copies only the visitors that changed. The rules are those of Flink's event-time
 * session windows (see {@link OpenSessions}); at most one pending timer per visitor, moved forward
 * when it fires. Events without a visitor are in no session; events too late for any session go to
 * {@link #TOO_LATE} (counted in {@link StreamMetrics#EVENTS_TOO_LATE_FOR_SESSIONS}).
 */
public final class OrganizationSessions extends AbstractStreamOperator<SessionSummary>
    implements OneInputStreamOperator<TrackedEvent, SessionSummary>, Triggerable<String, String> {

  private static final long serialVersionUID = 1L;

  public static final OutputTag<LateEvent> TOO_LATE =
      new OutputTag<>("too-late-for-session", TypeInformation.of(LateEvent.class));

  private final long gapMillis;
  private transient InternalValueState<String, String, OpenSessions> open;
  private transient InternalTimerService<String> timers;
  private transient Counter tooLate;

  public OrganizationSessions(Duration gap) {
    this.gapMillis = gap.toMillis();
  }

  /** The visitor an event belongs to within its organization, or null when it has neither id. */
  public static String visitor(TrackedEvent e) {
    return e.userId != null ? "user:" + e.userId : e.anonymousId != null ? "anonymous:" + e.anonymousId : null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void open() throws Exception {
    super.open();
    ValueState<OpenSessions> state = getOrCreateKeyedState(StringSerializer.INSTANCE,
        new ValueStateDescriptor<>("open-sessions", TypeInformation.of(OpenSessions.class)));
    open = (InternalValueState<String, String, OpenSessions>) state;
    timers = getInternalTimerService("session-ends", StringSerializer.INSTANCE, this);
    tooLate = getRuntimeContext().getMetricGroup().counter(StreamMetrics.EVENTS_TOO_LATE_FOR_SESSIONS);
  }

  @Override
  public void processElement(StreamRecord<TrackedEvent> record) throws Exception {
    TrackedEvent event = record.getValue();
    String visitor = visitor(event);
    if (visitor == null) {
      return;
    }
    open.setCurrentNamespace(visitor);
    OpenSessions sessions = open.value();
    if (sessions == null) {
      sessions = new OpenSessions();
    }
    long watermark = timers.currentWatermark();
    if (!sessions.add(event, gapMillis, watermark)) {
      tooLate.inc();
      output.collect(TOO_LATE, new StreamRecord<>(LateEvent.of(event, watermark, "session")));
      return;
    }
    long due = sessions.nextEnd(gapMillis);
    if (sessions.timerAt == OpenSessions.NO_TIMER || due < sessions.timerAt) {
      timers.registerEventTimeTimer(visitor, due);
      sessions.timerAt = due;
    }
    open.update(sessions);
  }

  @Override
  public void onEventTime(InternalTimer<String, String> timer) throws Exception {
    open.setCurrentNamespace(timer.getNamespace());
    OpenSessions sessions = open.value();
    if (sessions == null) {
      return;
    }
    for (SessionSummary closed : sessions.closeUpTo(timers.currentWatermark(), gapMillis)) {
      output.collect(new StreamRecord<>(closed));
    }
    if (sessions.isEmpty()) {
      open.clear();
      return;
    }
    // the sessions that are left were extended past this timer: one timer at the next end
    sessions.timerAt = sessions.nextEnd(gapMillis);
    timers.registerEventTimeTimer(timer.getNamespace(), sessions.timerAt);
    open.update(sessions);
  }

  @Override
  public void onProcessingTime(InternalTimer<String, String> timer) {
    // sessions end in event time only
  }
}
