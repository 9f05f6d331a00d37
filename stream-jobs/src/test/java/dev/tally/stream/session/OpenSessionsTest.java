package dev.tally.stream.session;

import static dev.tally.stream.event.Tracked.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.stream.event.TrackedEvent;
import org.junit.jupiter.api.Test;

class OpenSessionsTest {

  private static final String ORG = "00000000-0000-0000-0000-000000000004";
  private static final long GAP = 30 * 60_000L;
  private static final long NO_WATERMARK = Long.MIN_VALUE;

  private static TrackedEvent at(String id, long millis) {
    return event(ORG, id, "page_viewed", millis).user("u").get();
  }

  @Test
  void eventsWithinTheGapAreOneSessionThatEndsAGapAfterTheLast() {
    OpenSessions open = new OpenSessions();
    assertThat(open.add(at("a", 0), GAP, NO_WATERMARK)).isTrue();
    assertThat(open.add(at("b", GAP - 1), GAP, NO_WATERMARK)).isTrue();
    assertThat(open.sessions).singleElement().satisfies(s -> assertThat(s.events).isEqualTo(2));
    assertThat(open.nextEnd(GAP)).isEqualTo(2 * GAP - 2);
    assertThat(open.closeUpTo(2 * GAP - 3, GAP)).isEmpty();
    assertThat(open.closeUpTo(2 * GAP - 2, GAP)).singleElement().satisfies(s -> assertThat(s.firstEventId).isEqualTo("a"));
    assertThat(open.isEmpty()).isTrue();
    assertThat(open.nextEnd(GAP)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void spansThatOnlyTouchAreStillOneSession() {
    OpenSessions open = new OpenSessions();
    open.add(at("a", 0), GAP, NO_WATERMARK);
    open.add(at("b", GAP), GAP, NO_WATERMARK); // [0, GAP) and [GAP, 2 GAP) touch
    assertThat(open.sessions).hasSize(1);
    open.add(at("c", 3 * GAP + 1), GAP, NO_WATERMARK); // [3 GAP + 1, ...) leaves a gap after 2 GAP
    assertThat(open.sessions).hasSize(2);
  }

  @Test
  void aLateEventBetweenTwoOpenSessionsJoinsThemIntoOne() {
    OpenSessions open = new OpenSessions();
    open.add(at("late-start", 0), GAP, NO_WATERMARK);
    open.add(at("much-later", 2 * GAP - 10), GAP, NO_WATERMARK); // [0, GAP) and [2 GAP - 10, 3 GAP - 10)
    assertThat(open.sessions).hasSize(2);
    assertThat(open.nextEnd(GAP)).isEqualTo(GAP - 1);

    open.add(at("bridge", GAP), GAP, NO_WATERMARK); // [GAP, 2 GAP) touches one, overlaps the other

    assertThat(open.sessions).singleElement().satisfies(s -> {
      assertThat(s.events).isEqualTo(3);
      assertThat(s.startedAt).isZero();
      assertThat(s.lastEventAt).isEqualTo(2 * GAP - 10);
    });
    assertThat(open.nextEnd(GAP)).isEqualTo(3 * GAP - 11);
  }

  @Test
  void anEventIsTooLateOnlyWhenItsOwnSpanHasEndedAndNoOpenSessionTakesIt() {
    OpenSessions open = new OpenSessions();
    long watermark = 10 * GAP;
    assertThat(open.add(at("ended", watermark - GAP + 1), GAP, watermark)).as("span ends at the watermark").isFalse();
    assertThat(open.isEmpty()).isTrue();
    assertThat(open.add(at("open", watermark - GAP + 2), GAP, watermark)).as("span ends after the watermark").isTrue();
    assertThat(open.add(at("joins", watermark - GAP - 100), GAP, watermark)).as("merges with the open session").isTrue();
    assertThat(open.sessions).singleElement().satisfies(s -> assertThat(s.events).isEqualTo(2));
    assertThat(open.add(at("alone", watermark - 3 * GAP), GAP, watermark)).isFalse();
    assertThat(open.sessions).singleElement().satisfies(s -> assertThat(s.events).isEqualTo(2));
  }
}
