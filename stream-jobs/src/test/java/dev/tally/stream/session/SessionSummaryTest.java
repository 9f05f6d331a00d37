package dev.tally.stream.session;

import static dev.tally.stream.event.Tracked.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.stream.event.TrackedEvent;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionSummaryTest {

  private static final String ORG = "00000000-0000-0000-0000-000000000003";

  private static SessionSummary of(List<TrackedEvent> events) {
    SessionSummary s = new SessionSummary();
    events.forEach(s::add);
    return s;
  }

  private final List<TrackedEvent> visit = List.of(
      event(ORG, "p1", "page_viewed", 1_000).user("u").ip("10.0.0.1").get(),
      event(ORG, "p2", "page_viewed", 61_500).user("u").ip("10.0.0.2").get(),
      event(ORG, "o1", "order_completed", 125_000).user("u").sale(1250, "EUR").get());

  @Test
  void aSessionSummarisesItsEvents() {
    SessionSummary s = of(visit);
    assertThat(s.startedAt).isEqualTo(1_000);
    assertThat(s.lastEventAt).isEqualTo(125_000);
    assertThat(s.durationSeconds()).isEqualTo(124);
    assertThat(s.events).isEqualTo(3);
    assertThat(s.pageViews).isEqualTo(2);
    assertThat(s.isBounce()).isFalse();
    assertThat(s.hasConversion).isTrue();
    assertThat(s.conversionValue()).isEqualByComparingTo("12.50");
    assertThat(s.ip).as("from the earliest event").isEqualTo("10.0.0.1");
  }

  @Test
  void theOrderOfEventsAndOfMergesDoesNotChangeTheSummary() {
    SessionSummary forward = of(visit);
    SessionSummary backward = of(List.of(visit.get(2), visit.get(1), visit.get(0)));
    SessionSummary merged = of(List.of(visit.get(2)));
    merged.merge(of(List.of(visit.get(1), visit.get(0))));
    assertThat(backward).usingRecursiveComparison().isEqualTo(forward);
    assertThat(merged).usingRecursiveComparison().isEqualTo(forward);
    assertThat(merged.sessionId()).isEqualTo(forward.sessionId());
  }

  @Test
  void aSessionOfOneEventIsABounceWithoutConversion() {
    SessionSummary s = of(List.of(visit.get(0)));
    assertThat(s.isBounce()).isTrue();
    assertThat(s.hasConversion).isFalse();
    assertThat(s.conversionValue()).isEqualTo(new BigDecimal("0.00"));
  }

  @Test
  void conversionValueIsInTheMajorUnitOfTheEarliestSaleCurrency() {
    SessionSummary yen = of(List.of(event(ORG, "j", "order_completed", 5).anonymous("a").sale(1500, "JPY").get(),
        event(ORG, "e", "order_completed", 9).anonymous("a").sale(99, "EUR").get()));
    assertThat(yen.conversionValue()).isEqualByComparingTo("1500.00");
    SessionSummary dinar = of(List.of(event(ORG, "b", "invoice_paid", 5).anonymous("a").sale(12_345, "BHD").get()));
    assertThat(dinar.conversionValue()).isEqualByComparingTo("12.34"); // 12.345 half-even
  }

  @Test
  void theConversionDoesNotDependOnTheOrderOfSalesInSeveralCurrencies() {
    List<TrackedEvent> sales = List.of(
        event(ORG, "s1", "order_completed", 2_000).user("u").sale(100, "EUR").get(),
        event(ORG, "s2", "order_completed", 1_000).user("u").sale(700, "USD").get(),
        event(ORG, "s3", "order_completed", 3_000).user("u").sale(50, "USD").get());
    SessionSummary forward = of(sales);
    SessionSummary shuffled = of(List.of(sales.get(0), sales.get(2), sales.get(1)));
    assertThat(forward.conversionCurrency()).isEqualTo(shuffled.conversionCurrency()).isEqualTo("USD");
    assertThat(forward.conversionValue()).isEqualByComparingTo(shuffled.conversionValue()).isEqualByComparingTo("7.50");
  }

  @Test
  void sessionIdsDependOnOrganizationVisitorAndStart() {
    SessionSummary a = of(List.of(visit.get(0)));
    SessionSummary sameStart = of(List.of(event(ORG, "x", "page_viewed", 1_000).user("u").get()));
    SessionSummary otherUser = of(List.of(event(ORG, "y", "page_viewed", 1_000).user("v").get()));
    assertThat(a.sessionId()).isEqualTo(sameStart.sessionId()).isNotEqualTo(otherUser.sessionId());
  }
}
