package dev.tally.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TrafficGeneratorTest {

  private static final TrafficGenerator.Options OPTIONS =
      new TrafficGenerator.Options(42, 3, 35, LocalDate.parse("2026-10-01"), 40, 0.05, 0.05, 0.02);

  private static List<GeneratedEvent> all(TrafficGenerator.Options options) {
    TrafficGenerator generator = new TrafficGenerator(options);
    List<GeneratedEvent> events = new ArrayList<>();
    for (int day = 0; day < options.days(); day++) {
      events.addAll(generator.day(day));
    }
    events.addAll(generator.rest());
    return events;
  }

  @Test
  void theSameSeedGivesTheSameEventsAndAnotherSeedOthers() {
    List<String> first = all(OPTIONS).stream().map(e -> e.message().toString()).toList();
    List<String> again = all(OPTIONS).stream().map(e -> e.message().toString()).toList();
    List<String> other = all(new TrafficGenerator.Options(43, 3, 35, LocalDate.parse("2026-10-01"), 40, 0.05, 0.05, 0.02))
        .stream().map(e -> e.message().toString()).toList();

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void everyKindOfEventIsThere() {
    Set<String> kinds = all(OPTIONS).stream()
        .map(e -> e.message().has("event") ? e.message().get("event").asText() : e.message().get("type").asText())
        .collect(Collectors.toSet());

    assertThat(kinds).contains("Signed Up", "identify", "page", "Conversation Started", "Message Sent", "Message Rated",
        "Workflow Executed", "Order Completed", "Order Refunded", "Invoice Paid", "Invoice Refunded");
  }

  @Test
  void ordersUseSeveralCurrenciesWithTheirMinorUnits() {
    Map<String, Integer> maxScale = new HashMap<>();
    for (GeneratedEvent e : all(OPTIONS)) {
      if ("Order Completed".equals(e.message().path("event").asText())) {
        String currency = e.message().path("properties").path("currency").asText();
        maxScale.merge(currency, e.message().path("properties").path("total").decimalValue().scale(), Math::max);
      }
    }
    assertThat(maxScale).hasSizeGreaterThan(1);
    maxScale.forEach((currency, scale) ->
        assertThat(scale).as(currency).isLessThanOrEqualTo(java.util.Currency.getInstance(currency).getDefaultFractionDigits()));
  }

  @Test
  void duplicatesRepeatAnIdAndDisorderSharesAreRoughlyAsAsked() {
    List<GeneratedEvent> events = all(OPTIONS);
    Map<String, Long> disorder = events.stream().filter(e -> e.disorder() != null)
        .collect(Collectors.groupingBy(GeneratedEvent::disorder, Collectors.counting()));
    long distinctIds = events.stream().map(GeneratedEvent::messageId).distinct().count();

    assertThat(events.size() - distinctIds).isEqualTo(disorder.get("duplicate"));
    assertThat(disorder.get("duplicate") / (double) events.size()).isBetween(0.03, 0.07);
    assertThat(disorder.get("late") / (double) events.size()).isBetween(0.01, 0.03);
    assertThat(disorder.get("out_of_order")).isPositive();
  }

  @Test
  void lateEventsComeAfterEventsOfALaterDay() {
    TrafficGenerator generator = new TrafficGenerator(OPTIONS);
    generator.day(0);
    List<GeneratedEvent> secondDay = generator.day(1);
    List<GeneratedEvent> late = secondDay.stream().filter(e -> "late".equals(e.disorder())).toList();

    assertThat(late).isNotEmpty();
    assertThat(late).allSatisfy(e -> assertThat(e.message().path("timestamp").asText()).startsWith("2026-10-01"));
  }
}
