package dev.tally.ingest.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.RevenueKind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NativeEventMapperTest {

  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final Instant RECEIVED = Instant.parse("2026-11-20T12:00:00Z");
  private final NativeEventMapper mapper = new NativeEventMapper(new EventFields(JSON), Duration.ofHours(24));

  private AnalyticsEvent map(String json) throws Exception {
    return mapper.map(JSON.readTree(json.replace('\'', '"')), "org-1", RECEIVED);
  }

  @Test
  void theModelAsJson() throws Exception {
    AnalyticsEvent event = map("{'event_id':'e-1','event_type':'order_completed','occurred_at':1763632800000,'user_id':'u',"
        + "'platform':'web','properties':{'coupon':'X'},'revenue':{'kind':'sale','amount_minor':1999,'currency':'JPY','order_id':'o-1'},"
        + "'usage':{'tokens':5}}");

    assertThat(event.getEventId()).isEqualTo("e-1");
    assertThat(event.getOrganizationId()).isEqualTo("org-1");
    assertThat(event.getCategory()).isEqualTo("commerce");
    assertThat(event.getOccurredAt()).isEqualTo(Instant.ofEpochMilli(1763632800000L));
    assertThat(event.getReceivedAt()).isEqualTo(RECEIVED);
    assertThat(event.getProperties()).containsEntry("coupon", "\"X\"");
    assertThat(event.getRevenue().getKind()).isEqualTo(RevenueKind.sale);
    assertThat(event.getRevenue().getAmountMinor()).isEqualTo(1999L);
    assertThat(event.getUsage().getTokens()).isEqualTo(5L);
  }

  @Test
  void givenCategoryAndIsoTimeAreKept() throws Exception {
    AnalyticsEvent event = map("{'event_id':'e','event_type':'Inspection Done','category':'quality','occurred_at':'2026-11-20T11:00:00+01:00'}");

    assertThat(event.getEventType()).isEqualTo("inspection_done");
    assertThat(event.getCategory()).isEqualTo("quality");
    assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
  }

  @Test
  void unknownFieldsWrongKindsAndFractionalMinorUnitsAreRefused() {
    assertThatThrownBy(() -> map("{'event_id':'e','event_type':'x','occurred_at':1,'colour':'red'}"))
        .hasMessage("colour: is not a field of the native event model");
    assertThatThrownBy(() -> map("{'event_id':'e','event_type':'x','occurred_at':1,'revenue':{'kind':'gift','amount_minor':1,'currency':'USD'}}"))
        .hasMessage("revenue.kind: must be 'sale' or 'refund', was 'gift'");
    assertThatThrownBy(() -> map("{'event_id':'e','event_type':'x','occurred_at':1,'revenue':{'kind':'sale','amount_minor':1.5,'currency':'USD'}}"))
        .hasMessage("revenue.amount_minor: must be a whole number, was 1.5");
    assertThatThrownBy(() -> map("{'event_id':'e','event_type':'x'}")).hasMessageStartingWith("occurred_at: required");
  }
}
