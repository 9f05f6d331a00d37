package dev.tally.stream.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.stream.event.Tracked;
import dev.tally.stream.metrics.EventTime;
import dev.tally.stream.metrics.MinuteMetrics;
import dev.tally.stream.metrics.MinutePane;
import dev.tally.stream.metrics.RollingEnd;
import dev.tally.stream.metrics.RollingMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The rolling windows operator alone (Flink's operator test harness), fed the same minute panes with
 * the timings that happen in the job: live, a minute of event time per minute; a partition that ran
 * out holding the watermark back until the input ends; a backlog caught up with watermarks jumping
 * and writes throttled; a failure, restored from a checkpoint and replayed with other timing while
 * the failed attempt's writes land last. Whatever the timing, the final rows, applied with the
 * upsert's rule, are the same, and every organization's end at the end of the input's newest minute.
 */
class RollingWindowsTest {

  private static final long M = EventTime.MINUTE_MS;
  private static final long T0 = Instant.parse("2042-03-01T10:00:00Z").toEpochMilli();
  /** Minutes 10:00 to 10:30; the last one is still open when the input ends. */
  private static final int MINUTES = 31;
  private static final int LAST = MINUTES - 1;
  /** The quiet organization's events stop at 10:09. */
  private static final int QUIET_AFTER = 10;
  private static final String BUSY = "busy";
  private static final String QUIET = "quiet";

  private static long minute(int i) {
    return T0 + i * M;
  }

  private static MinutePane pane(String org, int i, int events) {
    MinutePane pane = new MinutePane();
    for (int e = 0; e < events; e++) {
      pane.add(Tracked.event(org, org + i + "-" + e, e % 2 == 0 ? "page_viewed" : "message_sent", minute(i) + e)
          .user("u" + (i + e) % 7).usage(e, 100 + e).get());
    }
    return pane;
  }

  /** Minute i while open (MinuteAggregator sends changed open minutes every second): part of its events. */
  private static List<MinuteMetrics> opened(int i) {
    return panes(i, (i + 1) / 2, 1);
  }

  /** Minute i as MinuteAggregator sends it when the watermark closes it: complete. */
  private static List<MinuteMetrics> closed(int i) {
    return panes(i, i + 1, 2);
  }

  private static List<MinuteMetrics> panes(int i, int busyEvents, int quietEvents) {
    List<MinuteMetrics> out = new ArrayList<>(List.of(new MinuteMetrics(BUSY, minute(i), pane(BUSY, i, busyEvents))));
    if (i < QUIET_AFTER) {
      out.add(new MinuteMetrics(QUIET, minute(i), pane(QUIET, i, quietEvents)));
    }
    return out;
  }

  /** One task attempt of the operator, with its own processing time. */
  private static final class Attempt {
    final KeyedBroadcastOperatorTestHarness<String, MinuteMetrics, Long, RollingMetrics> harness;
    long clock = 1_000_000;
    int closedUpTo = -1;

    Attempt(OperatorSubtaskState restore) throws Exception {
      harness = new KeyedBroadcastOperatorTestHarness<>(
          new CoBroadcastWithKeyedOperator<>(new RollingWindows(RollingWindows.CATCH_UP_INTERVAL), List.of(RollingWindows.INPUT_END)),
          m -> m.organizationId, Types.STRING, 1, 1, 0);
      if (restore != null) {
        harness.initializeState(restore);
      }
      harness.open();
    }

    /** The source reads minute i's events (InputEnd sends the minute's end), the open minute is updated. */
    void read(int i) throws Exception {
      harness.processBroadcastElement(minute(i) + M, minute(i));
      for (MinuteMetrics m : opened(i)) {
        harness.processElement(m, minute(i));
      }
    }

    /** The watermark passes minute i: MinuteAggregator sends the minutes it closes, then the watermark. */
    void closeUpTo(int i) throws Exception {
      sendClosed(i);
      harness.watermark(EventTime.lastMillisecond(minute(i)));
    }

    void endOfInput() throws Exception {
      sendClosed(LAST);
      harness.watermark(RollingEnd.END_OF_INPUT);
    }

    private void sendClosed(int upTo) throws Exception {
      for (int j = closedUpTo + 1; j <= upTo; j++) {
        for (MinuteMetrics m : closed(j)) {
          harness.processElement(m, EventTime.lastMillisecond(minute(j)));
        }
      }
      closedUpTo = upTo;
    }

    void advanceClock(long ms) throws Exception {
      clock += ms;
      harness.setProcessingTime(clock);
    }

    List<RollingMetrics> written() {
      return harness.extractOutputValues();
    }
  }

  /** rolling_metrics after these writes in this order, by the upsert's rule (never back in end, nor to fewer events at the same end). */
  private static Map<String, String> table(List<List<RollingMetrics>> writes) {
    Map<String, RollingMetrics> rows = new TreeMap<>();
    for (List<RollingMetrics> batch : writes) {
      for (RollingMetrics w : batch) {
        rows.merge(w.organizationId + " " + w.window, w, (old, now) -> now.windowEnd > old.windowEnd
            || now.windowEnd == old.windowEnd && now.values.events >= old.values.events ? now : old);
      }
    }
    Map<String, String> table = new TreeMap<>();
    rows.forEach((key, w) -> table.put(key, Instant.ofEpochMilli(w.windowStart) + " " + Instant.ofEpochMilli(w.windowEnd)
        + " events=" + w.values.events + " " + new TreeMap<>(w.values.eventsByType) + " users=" + w.activeUsers
        + " messages=" + w.values.messages + " tokens=" + w.values.tokens + " mean=" + w.values.meanResponseTimeMs()
        + " p95=" + w.values.p95ResponseTimeMs()));
    return table;
  }

  /** Live: a minute of event time per minute of processing time, the watermark passing each minute. */
  private static Attempt live(int from, int to, Attempt attempt) throws Exception {
    for (int i = from; i <= to; i++) {
      attempt.read(i);
      attempt.advanceClock(1_000);
      if (i < LAST) {
        attempt.closeUpTo(i);
      }
      attempt.advanceClock(59_000);
    }
    return attempt;
  }

  /** A backlog: a minute of event time per second, the watermark jumping every 7 minutes. */
  private static Attempt catchingUp(int from, Attempt attempt) throws Exception {
    for (int i = from; i <= LAST; i++) {
      attempt.read(i);
      attempt.advanceClock(1_000);
      if (i % 7 == 6) {
        attempt.closeUpTo(i);
      }
    }
    attempt.endOfInput();
    return attempt;
  }

  private static Map<String, String> liveRun() throws Exception {
    Attempt attempt = live(0, LAST, new Attempt(null));
    attempt.endOfInput();
    return table(List.of(attempt.written()));
  }

  @Test
  void atTheEndOfTheInputEveryOrganizationsWindowsEndAtTheEndOfItsNewestMinute() throws Exception {
    Map<String, String> rows = liveRun();
    assertThat(rows.keySet()).containsExactly("busy 1h", "busy 24h", "busy 5m", "quiet 1h", "quiet 24h", "quiet 5m");
    assertThat(rows.values()).allSatisfy(row -> assertThat(row).contains(" 2042-03-01T10:31:00Z events="));
    assertThat(rows.get("busy 5m")).startsWith("2042-03-01T10:26:00Z 2042-03-01T10:31:00Z events=" + (27 + 28 + 29 + 30 + 31) + " ");
    assertThat(rows.get("busy 24h")).contains("events=" + 31 * 32 / 2 + " ");
    assertThat(rows.get("quiet 5m")).contains("events=0 {} users=0 messages=0 tokens=0 mean=null p95=null");
    assertThat(rows.get("quiet 1h")).contains("events=20 {message_sent=10, page_viewed=10} users=7 messages=10 tokens=10");
  }

  /**
   * A backlog that carries the watermark past an organization's quiet end (24 h after its newest
   * minute) while writes are throttled: one look, then the next at the next minute end. It used to
   * re-register a timer at the quiet end, before the watermark, which fired again at once until the
   * throttle's 30 s of processing time were over: the task spun, and the demo's stream stalled.
   */
  @Test
  void aWatermarkPastTheQuietEndWhileThrottledDoesNotSpin() throws Exception {
    Attempt attempt = new Attempt(null);
    attempt.read(0);
    attempt.closeUpTo(0); // the first write, at 10:01: from now on writes are throttled for 30 s
    int written = attempt.written().size();

    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
        () -> attempt.harness.watermark(minute(3 * 24 * 60)));
    assertThat(attempt.written()).as("throttled: nothing new yet").hasSize(written);

    attempt.advanceClock(RollingWindows.CATCH_UP_INTERVAL.toMillis());
    assertThat(attempt.written().subList(written, attempt.written().size()))
        .as("after the interval: the windows written once, at the quiet end, all empty")
        .extracting(w -> Instant.ofEpochMilli(w.windowEnd) + " " + w.values.events)
        .containsOnly("2042-03-02T10:01:00Z 0");
  }

  @Test
  void theFinalRowsDoNotDependOnTheWatermarksAnOrganizationSaw() throws Exception {
    // the quiet organization's partition ran out at 10:09 and held the watermark there until the
    // input ended (it is not idle yet): its windows never saw event time pass 10:10
    Attempt heldBack = new Attempt(null);
    for (int i = 0; i <= LAST; i++) {
      heldBack.read(i);
      if (i < QUIET_AFTER) {
        heldBack.closeUpTo(i);
      }
    }
    heldBack.endOfInput();

    assertThat(table(List.of(heldBack.written()))).isEqualTo(liveRun());
    assertThat(table(List.of(catchingUp(0, new Attempt(null)).written()))).isEqualTo(liveRun());
  }

  @Test
  void aRestoreReplayedWithOtherTimingEndsWithTheSameRowsEvenIfTheFailedAttemptsWritesLandLast() throws Exception {
    Attempt failed = live(0, 12, new Attempt(null));
    OperatorSubtaskState checkpoint = failed.harness.snapshot(1, failed.clock);
    int beforeCheckpoint = failed.written().size();
    live(13, 20, failed); // went on to 10:20, then its TaskManager died
    List<RollingMetrics> failedWrites = failed.written();

    Attempt restored = catchingUp(13, new Attempt(checkpoint));

    Map<String, String> rows = table(List.of(failedWrites.subList(0, beforeCheckpoint), restored.written(),
        failedWrites.subList(beforeCheckpoint, failedWrites.size())));
    assertThat(rows).isEqualTo(liveRun());
  }

  @Test
  void liveTheWindowsMoveEveryMinuteAndAQuietOrganizationsRollDownToZero() throws Exception {
    Attempt attempt = live(0, 20, new Attempt(null));
    List<RollingMetrics> quiet5m = attempt.written().stream().filter(w -> w.organizationId.equals(QUIET) && w.window.equals("5m")).toList();
    assertThat(quiet5m).extracting(w -> w.windowEnd)
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 21).mapToObj(i -> minute(i)).toList());
    assertThat(quiet5m.get(quiet5m.size() - 1).values.events).isZero();
    assertThat(attempt.written()).filteredOn(w -> w.organizationId.equals(BUSY)).extracting(w -> w.windowEnd)
        .as("busy: three windows a minute").hasSize(3 * 21);
  }

  @Test
  void anOrganizationQuietFor24HoursIsWrittenOnceWithEmptyWindowsAndThenLeftAlone() throws Exception {
    Attempt attempt = new Attempt(null);
    attempt.read(0);
    attempt.closeUpTo(0);
    long quiet = RollingEnd.quiet(minute(0));
    for (long watermark = minute(0) + 24 * 60 * M - 1; watermark < quiet + 5 * M; watermark += M) {
      attempt.advanceClock(60_000);
      attempt.harness.watermark(watermark);
    }
    List<RollingMetrics> busy24h = attempt.written().stream().filter(w -> w.organizationId.equals(BUSY) && w.window.equals("24h")).toList();
    assertThat(busy24h).extracting(w -> w.windowEnd).containsExactly(minute(1), minute(24 * 60), quiet);
    assertThat(busy24h).extracting(w -> w.values.events).as("the 24 h window holds 10:00 until it ends at 10:00 the next day")
        .containsExactly(1L, 1L, 0L);
    assertThat(attempt.written()).filteredOn(w -> w.windowEnd == quiet).hasSize(6).allSatisfy(w -> assertThat(w.values.events).isZero());
    assertThat(attempt.harness.numEventTimeTimers()).isZero();
    int written = attempt.written().size();
    attempt.harness.watermark(RollingEnd.END_OF_INPUT);
    assertThat(attempt.written()).as("nothing after the windows emptied, not even at the end of the input").hasSize(written);
  }
}
