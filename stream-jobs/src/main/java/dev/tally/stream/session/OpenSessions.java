package dev.tally.stream.session;

import dev.tally.stream.event.TrackedEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One visitor's sessions that are still open, with the rules of event-time session windows: an
 * event at {@code t} spans {@code [t, t + gap)}; spans that intersect (touching counts) are one
 * session; a session ends once the watermark reaches its last event + gap - 1 ms; an event whose
 * span merges with no open session and has already ended is too late. Out-of-order events can open
 * a session before another that is still open, so there may be more than one (almost always there
 * is one). A Flink POJO: it is the keyed state of {@code OrganizationSessions}.
 */
public class OpenSessions {

  /** No timer registered. */
  public static final long NO_TIMER = Long.MIN_VALUE;

  /** Open sessions, not intersecting each other. */
  public List<SessionSummary> sessions = new ArrayList<>();
  /** The earliest event-time timer registered for this visitor, or {@link #NO_TIMER}. */
  public long timerAt = NO_TIMER;

  public OpenSessions() {}

  /**
   * Adds {@code event}, merging every open session its span intersects.
   *
   * @return false, changing nothing, when the event is too late: its span merges with no open
   *     session and ended at or before {@code watermark}
   */
  public boolean add(TrackedEvent event, long gapMillis, long watermark) {
    long start = event.occurredAt;
    long end = event.occurredAt + gapMillis;
    SessionSummary merged = null;
    for (Iterator<SessionSummary> it = sessions.iterator(); it.hasNext(); ) {
      SessionSummary open = it.next();
      if (open.startedAt <= end && open.lastEventAt + gapMillis >= start) {
        if (merged == null) {
          merged = open;
        } else {
          merged.merge(open);
          it.remove();
        }
      }
    }
    if (merged == null) {
      if (end - 1 <= watermark) {
        return false;
      }
      merged = new SessionSummary();
      sessions.add(merged);
    }
    merged.add(event);
    return true;
  }

  /** Removes and returns the sessions that ended at or before {@code watermark}. */
  public List<SessionSummary> closeUpTo(long watermark, long gapMillis) {
    List<SessionSummary> closed = new ArrayList<>(1);
    for (Iterator<SessionSummary> it = sessions.iterator(); it.hasNext(); ) {
      SessionSummary open = it.next();
      if (lastMillisecond(open, gapMillis) <= watermark) {
        closed.add(open);
        it.remove();
      }
    }
    return closed;
  }

  /** The event time at which the first open session ends; {@link Long#MAX_VALUE} when none is open. */
  public long nextEnd(long gapMillis) {
    long next = Long.MAX_VALUE;
    for (SessionSummary open : sessions) {
      next = Math.min(next, lastMillisecond(open, gapMillis));
    }
    return next;
  }

  public boolean isEmpty() {
    return sessions.isEmpty();
  }

  private static long lastMillisecond(SessionSummary session, long gapMillis) {
    return session.lastEventAt + gapMillis - 1;
  }
}
