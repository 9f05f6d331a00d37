package dev.tally.schemas.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnalyticsEventWriterTest {

  private final EventCodec<AnalyticsEvent> codec = EventCodec.analyticsEvents();
  private final AnalyticsEventWriter writer = new AnalyticsEventWriter();

  @Test
  void writesTheSameBytesAsTheCodec() {
    AnalyticsEvent event = TestEvents.orderCompleted();

    assertThat(writer.encode(event)).isEqualTo(codec.encode(event));
    assertThat(codec.decode(writer.encode(event))).isEqualTo(event);
  }

  @Test
  void randomEventsWithEveryOptionalFieldSetOrNotGiveTheCodecsBytes() {
    Random random = new Random(3);
    for (int i = 0; i < 5_000; i++) {
      AnalyticsEvent event = randomEvent(random);
      assertThat(writer.encode(event)).as("random event %d", i).isEqualTo(codec.encode(event));
    }
  }

  @Test
  void aMissingRequiredFieldIsAnIllegalArgumentLikeTheCodecs() {
    AnalyticsEvent event = TestEvents.orderCompleted();
    event.setEventType(null);

    assertThatThrownBy(() -> codec.encode(event)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> writer.encode(event)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFailedWriteLeavesNothingBehindForTheNext() {
    AnalyticsEvent broken = TestEvents.orderCompleted();
    broken.setCategory(null); // fails after a few fields were written
    assertThatThrownBy(() -> writer.encode(broken)).isInstanceOf(IllegalArgumentException.class);

    AnalyticsEvent event = TestEvents.orderCompleted();
    assertThat(writer.encode(event)).isEqualTo(codec.encode(event));
  }

  @Test
  void isWrittenForTheCurrentSchema() {
    assertThat(AnalyticsEventWriter.WRITTEN_FOR).isEqualTo(SchemaHistory.fingerprint(AnalyticsEvent.getClassSchema()));
  }

  private static AnalyticsEvent randomEvent(Random random) {
    Map<String, String> properties = new LinkedHashMap<>();
    for (int p = random.nextInt(4) == 0 ? 0 : random.nextInt(40); p > 0; p--) {
      properties.put(text(random) + p, text(random));
    }
    AnalyticsEvent.Builder event = AnalyticsEvent.newBuilder()
        .setEventId(text(random))
        .setOrganizationId(text(random))
        .setEventType(text(random))
        .setCategory(text(random))
        .setOccurredAt(Instant.ofEpochMilli(random.nextLong(253_402_300_800_000L)))
        .setReceivedAt(Instant.ofEpochMilli(random.nextLong(253_402_300_800_000L)))
        .setUserId(maybe(random))
        .setAnonymousId(maybe(random))
        .setSessionId(maybe(random))
        .setCustomerId(maybe(random))
        .setResourceType(maybe(random))
        .setResourceId(maybe(random))
        .setPlatform(maybe(random))
        .setAppVersion(maybe(random))
        .setIp(maybe(random))
        .setUserAgent(maybe(random))
        .setProperties(properties);
    if (random.nextBoolean()) {
      event.setRevenue(Revenue.newBuilder()
          .setKind(random.nextBoolean() ? RevenueKind.sale : RevenueKind.refund)
          .setAmountMinor(random.nextLong())
          .setCurrency(text(random))
          .setOrderId(maybe(random))
          .setInvoiceId(maybe(random))
          .setTaxMinor(random.nextLong())
          .setShippingMinor(random.nextInt())
          .setDiscountMinor(-random.nextInt(1000))
          .build());
    }
    if (random.nextBoolean()) {
      event.setUsage(Usage.newBuilder()
          .setTokens(random.nextBoolean() ? random.nextLong() : null)
          .setResponseTimeMs(random.nextBoolean() ? random.nextDouble() * 1e6 : null)
          .setAgentId(maybe(random))
          .setConversationId(maybe(random))
          .setStatus(random.nextBoolean() ? null : random.nextBoolean() ? UsageStatus.ok : UsageStatus.error)
          .setRating(random.nextBoolean() ? random.nextInt(1, 6) : null)
          .build());
    }
    return event.build();
  }

  private static String maybe(Random random) {
    return random.nextBoolean() ? null : text(random);
  }

  /** Empty, ASCII, or with accents, CJK and an emoji (UTF-8 of 1 to 4 bytes). */
  private static String text(Random random) {
    String alphabet = "ab_-0\"\\é中😀";
    StringBuilder text = new StringBuilder();
    for (int n = random.nextInt(random.nextInt(10) == 0 ? 400 : 20); n > 0; n--) {
      text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
    }
    return text.toString();
  }
}
