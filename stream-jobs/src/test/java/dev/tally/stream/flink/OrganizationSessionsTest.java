package dev.tally.stream.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.stream.event.Tracked;
import dev.tally.stream.event.TrackedEvent;
import dev.tally.stream.session.SessionSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.windowing.PassThroughWindowFunction;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link OrganizationSessions}, keyed by organization, gives exactly what Flink's event-time session
 * windows keyed by visitor give: the same sessions and the same too-late events, for random
 * visitors, out-of-order events, watermarks and a restore from a snapshot half way (after which the
 * watermark starts again from nothing, as in Flink).
 */
class OrganizationSessionsTest {

  private static final Duration GAP = Duration.ofMinutes(30);
  private static final String ORG = "00000000-0000-0000-0000-000000000005";
  private static final OutputTag<TrackedEvent> FLINK_LATE = new OutputTag<>("late", TypeInformation.of(TrackedEvent.class));

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void givesTheSameSessionsAndLateEventsAsFlinksSessionWindows(long seed) throws Exception {
    List<Step> steps = randomSteps(new Random(seed), 3_000);

    Result ours = run(steps, () -> new OrganizationSessions(GAP), e -> e.organizationId, OrganizationSessions.TOO_LATE);
    Result flinks = run(steps, OrganizationSessionsTest::flinkSessionWindows, OrganizationSessionsTest::visitor, FLINK_LATE);

    assertThat(ours.sessions).as("sessions").isNotEmpty().isEqualTo(flinks.sessions);
    assertThat(ours.late).as("too-late events").isEqualTo(flinks.late);
    assertThat(ours.late).as("the input has too-late events").isNotEmpty();
    assertThat(ours.sessions.stream().filter(s -> s.contains("events=1 ")).count()).as("bounces").isPositive();
  }

  /** Events of a few visitors at whole minutes, mostly in order, some minutes or hours late, and watermarks. */
  private static List<Step> randomSteps(Random random, int events) {
    List<Step> steps = new ArrayList<>();
    long now = 1_700_000_000_000L;
    long newest = now;
    for (int i = 0; i < events; i++) {
      // whole minutes, so that spans touch and watermarks fall on a session's last millisecond
      now += (long) (random.nextExponential() * 6) * 60_000;
      long at = now;
      int lateness = random.nextInt(20);
      if (lateness == 0) {
        at -= random.nextInt(3 * 60) * 60_000L; // up to 3 hours
      } else if (lateness < 4) {
        at -= random.nextInt(40) * 60_000L;
      }
      newest = Math.max(newest, at);
      String user = "u" + random.nextInt(4);
      Tracked event = Tracked.event(ORG, "e" + i, random.nextInt(3) == 0 ? "page_viewed" : "message_sent", at);
      event = random.nextBoolean() ? event.user(user) : event.anonymous(user);
      if (random.nextInt(10) == 0) {
        event.sale(100 + random.nextInt(900), random.nextBoolean() ? "EUR" : "JPY");
      }
      steps.add(new Step(event.get(), Long.MIN_VALUE));
      if (random.nextInt(5) == 0) {
        steps.add(new Step(null, newest - List.of(5_000L, 1L, 0L).get(random.nextInt(3))));
      }
    }
    steps.add(new Step(null, Long.MAX_VALUE));
    return steps;
  }

  private static String visitor(TrackedEvent e) {
    return e.organizationId + "|" + OrganizationSessions.visitor(e);
  }

  private static Result run(List<Step> steps, OperatorFactory operator, KeySelector<TrackedEvent, String> key, OutputTag<?> late)
      throws Exception {
    Result result = new Result();
    int half = steps.size() / 2;
    OperatorSubtaskState snapshot;
    try (KeyedOneInputStreamOperatorTestHarness<String, TrackedEvent, SessionSummary> first = harness(operator, key, null)) {
      feed(first, steps.subList(0, half));
      snapshot = first.snapshot(1, 0);
      result.collect(first, late);
    }
    try (KeyedOneInputStreamOperatorTestHarness<String, TrackedEvent, SessionSummary> restored = harness(operator, key, snapshot)) {
      feed(restored, steps.subList(half, steps.size()));
      result.collect(restored, late);
    }
    return result;
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, TrackedEvent, SessionSummary> harness(
      OperatorFactory operator, KeySelector<TrackedEvent, String> key, OperatorSubtaskState restore) throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, TrackedEvent, SessionSummary> harness =
        new KeyedOneInputStreamOperatorTestHarness<>(operator.create(), key, Types.STRING);
    if (restore != null) {
      harness.initializeState(restore);
    }
    harness.open();
    return harness;
  }

  private static void feed(KeyedOneInputStreamOperatorTestHarness<String, TrackedEvent, SessionSummary> harness,
      List<Step> steps) throws Exception {
    for (Step step : steps) {
      if (step.event != null) {
        harness.processElement(step.event, step.event.occurredAt);
      } else {
        harness.processWatermark(step.watermark);
      }
    }
  }

  private static OneInputStreamOperator<TrackedEvent, SessionSummary> flinkSessionWindows() {
    WindowOperatorBuilder<TrackedEvent, String, TimeWindow> builder = new WindowOperatorBuilder<>(
        EventTimeSessionWindows.withGap(GAP), EventTimeTrigger.create(), new ExecutionConfig(),
        TypeInformation.of(TrackedEvent.class), OrganizationSessionsTest::visitor, Types.STRING);
    builder.sideOutputLateData(FLINK_LATE);
    return builder.aggregate(new Summarise(), new PassThroughWindowFunction<>(), TypeInformation.of(SessionSummary.class));
  }

  interface OperatorFactory {
    OneInputStreamOperator<TrackedEvent, SessionSummary> create();
  }

  record Step(TrackedEvent event, long watermark) {}

  /** Sessions and too-late event ids of a run, in a comparable form, in order of key and start. */
  static final class Result {
    final TreeMap<String, String> byStart = new TreeMap<>();
    List<String> sessions = new ArrayList<>();
    final List<String> late = new ArrayList<>();

    void collect(KeyedOneInputStreamOperatorTestHarness<String, TrackedEvent, SessionSummary> harness, OutputTag<?> tag) {
      for (SessionSummary s : harness.extractOutputValues()) {
        String row = s.organizationId + " " + s.userId + " " + s.anonymousId + " start=" + s.startedAt + " last="
            + s.lastEventAt + " events=" + s.events + " pages=" + s.pageViews + " first=" + s.firstEventId + " sales="
            + new TreeMap<>(s.salesMinor) + " firstSale=" + new TreeMap<>(s.firstSaleAt) + " conversion=" + s.hasConversion;
        byStart.merge(visitor(toEvent(s)) + "@" + s.startedAt, row, (a, b) -> a + " | " + b);
      }
      sessions = new ArrayList<>(byStart.values());
      var sideOutput = harness.getSideOutput(tag);
      if (sideOutput != null) {
        for (Object record : sideOutput) {
          Object value = ((StreamRecord<?>) record).getValue();
          late.add(value instanceof LateEvent l ? l.eventId : ((TrackedEvent) value).eventId);
        }
      }
      late.sort(null);
    }

    private static TrackedEvent toEvent(SessionSummary s) {
      TrackedEvent e = new TrackedEvent();
      e.organizationId = s.organizationId;
      e.userId = s.userId;
      e.anonymousId = s.anonymousId;
      return e;
    }
  }

  /** Flink's incremental aggregate for its session windows. */
  static final class Summarise implements AggregateFunction<TrackedEvent, SessionSummary, SessionSummary> {
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
}
