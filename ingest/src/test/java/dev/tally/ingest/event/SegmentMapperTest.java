package dev.tally.ingest.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.RevenueKind;
import dev.tally.schemas.event.UsageStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SegmentMapperTest {

  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final String ORG = "8d5e1b7c-2f4a-4c3e-9b1d-6a7f0e2c4b90";
  private static final Instant RECEIVED = Instant.parse("2026-11-20T12:00:00Z");

  private final SegmentMapper mapper = new SegmentMapper(new EventFields(JSON), Duration.ofHours(24));

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  private AnalyticsEvent map(String message) throws Exception {
    return mapper.map(json(message), null, new SegmentMapper.Envelope(ORG, RECEIVED, null, null, "10.0.0.9"));
  }

  private EventRejected rejection(String message) {
    try {
      map(message);
    } catch (EventRejected e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a rejection of " + message);
  }

  @Test
  void trackMapsIdsNameTimeAndContext() throws Exception {
    AnalyticsEvent event = map("{'type':'track','messageId':'m-1','userId':'u-1','anonymousId':'a-1','event':'Signed Up',"
        + "'timestamp':'2026-11-20T10:00:00.250+02:00','context':{'ip':'1.2.3.4','userAgent':'curl/8','app':{'version':'2.3.1'},"
        + "'os':{'name':'iOS'},'sessionId':'s-9'},'properties':{'plan':'pro','seats':3}}");

    assertThat(event.getEventId()).isEqualTo("m-1");
    assertThat(event.getOrganizationId()).isEqualTo(ORG);
    assertThat(event.getEventType()).isEqualTo("signed_up");
    assertThat(event.getCategory()).isEqualTo("lifecycle");
    assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2026-11-20T08:00:00.250Z"));
    assertThat(event.getReceivedAt()).isEqualTo(RECEIVED);
    assertThat(event.getUserId()).isEqualTo("u-1");
    assertThat(event.getAnonymousId()).isEqualTo("a-1");
    assertThat(event.getIp()).isEqualTo("1.2.3.4");
    assertThat(event.getUserAgent()).isEqualTo("curl/8");
    assertThat(event.getAppVersion()).isEqualTo("2.3.1");
    assertThat(event.getPlatform()).isEqualTo("ios");
    assertThat(event.getSessionId()).isEqualTo("s-9");
    assertThat(event.getProperties()).containsEntry("plan", "\"pro\"").containsEntry("seats", "3");
    assertThat(event.getRevenue()).isNull();
    assertThat(event.getUsage()).isNull();
  }

  @Test
  void clockSkewIsCorrectedWithSentAtAsSegmentDoes() throws Exception {
    // The device clock is 1 h fast: it stamped the event at 11:59:50 device time and sent it at 12:59:55 device time.
    AnalyticsEvent event = map("{'type':'track','messageId':'m','userId':'u','event':'x',"
        + "'timestamp':'2026-11-20T12:59:50Z','sentAt':'2026-11-20T12:59:55Z'}");

    assertThat(event.getOccurredAt()).isEqualTo(RECEIVED.minusSeconds(5));
  }

  @Test
  void batchSentAtIsUsedWhenTheMessageHasNone() throws Exception {
    AnalyticsEvent event = mapper.map(json("{'type':'track','messageId':'m','userId':'u','event':'x','timestamp':'2026-11-20T08:00:00Z'}"),
        null, new SegmentMapper.Envelope(ORG, RECEIVED, Instant.parse("2026-11-20T08:00:10Z"), null, null));

    assertThat(event.getOccurredAt()).isEqualTo(RECEIVED.minusSeconds(10));
  }

  @Test
  void withoutSentAtTheTimestampIsTakenAsIs() throws Exception {
    assertThat(map("{'type':'track','messageId':'m','userId':'u','event':'x','originalTimestamp':'2026-01-01T00:00:00Z'}").getOccurredAt())
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void withoutAnyTimestampTheEventHappenedWhenItWasReceivedAsSegmentDoes() throws Exception {
    assertThat(map("{'type':'track','messageId':'m','userId':'u','event':'x'}").getOccurredAt()).isEqualTo(RECEIVED);
    assertThat(mapper.map(json("{'type':'track','messageId':'m','userId':'u','event':'x'}"), null,
        new SegmentMapper.Envelope(ORG, RECEIVED, Instant.parse("2026-11-20T08:00:10Z"), null, null)).getOccurredAt())
        .as("sentAt alone changes nothing").isEqualTo(RECEIVED);
  }

  @Test
  void withoutMessageIdTheIdComesFromTheContentSoAnIdenticalResendHasTheSameId() throws Exception {
    String id = map("{'type':'track','userId':'u','event':'x','properties':{'a':1,'b':[1,2]},'sentAt':'2026-11-20T08:00:00Z'}")
        .getEventId();

    assertThat(id).startsWith("dm-").hasSize(35);
    assertThat(map("{'sentAt':'2026-11-20T09:30:00Z','properties':{'b':[1,2],'a':1},'event':'x','userId':'u','type':'track'}")
        .getEventId()).as("the same message resent later, keys in another order").isEqualTo(id);
    assertThat(map("{'type':'track','userId':'u','event':'x','properties':{'a':2,'b':[1,2]}}").getEventId())
        .as("other content").isNotEqualTo(id);
    assertThat(map("{'type':'track','userId':'u','event':'x','properties':{'a':1,'b':[2,1]}}").getEventId())
        .as("arrays keep their order").isNotEqualTo(id);
  }

  @Test
  void orderCompletedIsASaleInMinorUnits() throws Exception {
    AnalyticsEvent event = map("{'type':'track','messageId':'m','userId':'u','event':'Order Completed','timestamp':'2026-11-20T10:00:00Z',"
        + "'properties':{'order_id':'o-1','total':27.5,'revenue':25.0,'tax':2.00,'shipping':3,'discount':2.5,'currency':'eur'}}");

    assertThat(event.getCategory()).isEqualTo("commerce");
    assertThat(event.getRevenue().getKind()).isEqualTo(RevenueKind.sale);
    assertThat(event.getRevenue().getAmountMinor()).isEqualTo(2750L);
    assertThat(event.getRevenue().getCurrency()).isEqualTo("EUR");
    assertThat(event.getRevenue().getOrderId()).isEqualTo("o-1");
    assertThat(event.getRevenue().getTaxMinor()).isEqualTo(200L);
    assertThat(event.getRevenue().getShippingMinor()).isEqualTo(300L);
    assertThat(event.getRevenue().getDiscountMinor()).isEqualTo(250L);
  }

  @Test
  void orderCompletedFallsBackToRevenueAndUsdLikeSegment() throws Exception {
    AnalyticsEvent event = map("{'type':'track','messageId':'m','userId':'u','event':'Order Completed','timestamp':'2026-11-20T10:00:00Z',"
        + "'properties':{'order_id':'o-1','revenue':10}}");

    assertThat(event.getRevenue().getAmountMinor()).isEqualTo(1000L);
    assertThat(event.getRevenue().getCurrency()).isEqualTo("USD");
  }

  @Test
  void yenHasNoDecimalsAndDinarThree() throws Exception {
    assertThat(map("{'type':'track','messageId':'m','userId':'u','event':'Order Completed','timestamp':'2026-11-20T10:00:00Z',"
        + "'properties':{'order_id':'o','total':1999,'currency':'JPY'}}").getRevenue().getAmountMinor()).isEqualTo(1999L);
    assertThat(map("{'type':'track','messageId':'m','userId':'u','event':'Invoice Paid','timestamp':'2026-11-20T10:00:00Z',"
        + "'properties':{'invoice_id':'i','amount':12.345,'currency':'BHD'}}").getRevenue().getAmountMinor()).isEqualTo(12345L);
    assertThat(rejection("{'type':'track','messageId':'m','userId':'u','event':'Order Completed','timestamp':'2026-11-20T10:00:00Z',"
        + "'properties':{'order_id':'o','total':19.5,'currency':'JPY'}}").reason())
        .isEqualTo("properties.total: 19.5 has more than 0 decimals, the minor unit of JPY");
  }

  @Test
  void refundsAndInvoices() throws Exception {
    AnalyticsEvent refund = map("{'type':'track','messageId':'m','userId':'u','event':'Order Refunded','timestamp':'2026-11-20T10:00:00Z',"
        + "'properties':{'order_id':'o-1','amount':5,'currency':'USD'}}");
    AnalyticsEvent invoiceRefund = map("{'type':'track','messageId':'m','userId':'u','event':'Invoice Refunded','timestamp':'2026-11-20T10:00:00Z',"
        + "'properties':{'invoice_id':'in-1','amount':99.99,'currency':'GBP'}}");

    assertThat(refund.getRevenue().getKind()).isEqualTo(RevenueKind.refund);
    assertThat(refund.getRevenue().getAmountMinor()).isEqualTo(500L);
    assertThat(invoiceRefund.getCategory()).isEqualTo("billing");
    assertThat(invoiceRefund.getRevenue().getKind()).isEqualTo(RevenueKind.refund);
    assertThat(invoiceRefund.getRevenue().getInvoiceId()).isEqualTo("in-1");
    assertThat(invoiceRefund.getRevenue().getOrderId()).isNull();
    assertThat(invoiceRefund.getRevenue().getAmountMinor()).isEqualTo(9999L);
  }

  @Test
  void messageUsageFieldsAndAgentResource() throws Exception {
    AnalyticsEvent event = map("{'type':'track','messageId':'m','userId':'u','event':'Message Sent','timestamp':'2026-11-20T10:00:00Z',"
        + "'properties':{'tokens':812,'responseTimeMs':431.5,'agent_id':'agent-7','conversation_id':'c-1','status':'error','rating':4}}");

    assertThat(event.getEventType()).isEqualTo("message_sent");
    assertThat(event.getCategory()).isEqualTo("agent");
    assertThat(event.getUsage().getTokens()).isEqualTo(812L);
    assertThat(event.getUsage().getResponseTimeMs()).isEqualTo(431.5);
    assertThat(event.getUsage().getAgentId()).isEqualTo("agent-7");
    assertThat(event.getUsage().getConversationId()).isEqualTo("c-1");
    assertThat(event.getUsage().getStatus()).isEqualTo(UsageStatus.error);
    assertThat(event.getUsage().getRating()).isEqualTo(4);
    assertThat(event.getResourceType()).isEqualTo("agent");
    assertThat(event.getResourceId()).isEqualTo("agent-7");
  }

  @Test
  void identifyPageAndGroupTakeTheirTypeAndTraits() throws Exception {
    AnalyticsEvent identify = map("{'type':'identify','messageId':'m','userId':'u','timestamp':'2026-11-20T10:00:00Z','traits':{'email':'a@b.c'}}");
    AnalyticsEvent page = mapper.map(json("{'messageId':'m','anonymousId':'a','name':'Pricing','timestamp':'2026-11-20T10:00:00Z',"
        + "'context':{'device':{'type':'Web'}}}"), "page", new SegmentMapper.Envelope(ORG, RECEIVED, null, null, "10.0.0.9"));
    AnalyticsEvent group = map("{'type':'group','messageId':'m','userId':'u','groupId':'g-1','timestamp':'2026-11-20T10:00:00Z'}");

    assertThat(identify.getEventType()).isEqualTo("identify");
    assertThat(identify.getProperties()).containsEntry("email", "\"a@b.c\"");
    assertThat(page.getEventType()).isEqualTo("page_viewed");
    assertThat(page.getCategory()).isEqualTo("engagement");
    assertThat(page.getProperties()).containsEntry("name", "\"Pricing\"");
    assertThat(page.getPlatform()).isEqualTo("web");
    assertThat(page.getIp()).as("the request's address when the context has none").isEqualTo("10.0.0.9");
    assertThat(group.getEventType()).isEqualTo("group");
    assertThat(group.getProperties()).containsEntry("group_id", "\"g-1\"");
  }

  @Test
  void propertyValuesAreJsonText() throws Exception {
    AnalyticsEvent event = map("{'type':'track','messageId':'m','userId':'u','event':'x','timestamp':'2026-11-20T10:00:00Z',"
        + "'properties':{'s':'say \\'hi\\'\\u00e9','i':3,'d':1.50,'b':true,'n':null,'o':{'k':[1,'a']},'big':1e3}}".replace("\\'", "\\\""));

    assertThat(event.getProperties()).containsEntry("s", "\"say \\\"hi\\\"é\"").containsEntry("i", "3")
        .containsEntry("d", "1.5").containsEntry("b", "true").containsEntry("n", "null")
        .containsEntry("o", "{\"k\":[1,\"a\"]}").containsEntry("big", "1E+3");
  }

  @Test
  void numericUserIdsAreKeptAsText() throws Exception {
    assertThat(map("{'type':'track','messageId':'m','userId':42,'event':'x','timestamp':'2026-11-20T10:00:00Z'}").getUserId()).isEqualTo("42");
  }

  @Test
  void rejectionsNameTheFieldAndTheRule() {
    assertThat(rejection("{'type':'track','messageId':'m','event':'x','timestamp':'2026-11-20T10:00:00Z'}").rule())
        .isEqualTo(Rule.REQUIRED);
    assertThat(rejection("{'type':'track','messageId':'m','userId':'u','event':'x','timestamp':'yesterday'}").rule())
        .isEqualTo(Rule.INVALID_TIMESTAMP);
    assertThat(rejection("{'type':'track','messageId':'m','userId':'u','event':'x','timestamp':'2026-11-22T12:00:01Z'}").rule())
        .isEqualTo(Rule.FUTURE_TIMESTAMP);
    assertThat(rejection("{'type':'track','messageId':'m','userId':'u','event':'x','timestamp':'2026-11-20T10:00:00Z','properties':[1]}").reason())
        .isEqualTo("properties: must be an object, was an array");
    assertThat(rejection("{'type':'fly','messageId':'m','userId':'u','timestamp':'2026-11-20T10:00:00Z'}").rule()).isEqualTo(Rule.UNKNOWN_TYPE);
    assertThat(rejection("{'type':'track','messageId':'m','userId':'u','event':'x','timestamp':'2026-11-20T10:00:00Z',"
        + "'properties':{'rating':9}}").reason()).isEqualTo("properties.rating: must be from 1 to 5, was 9");
    assertThat(rejection("{'type':'track','messageId':'m','userId':'u','event':'Invoice Paid','timestamp':'2026-11-20T10:00:00Z',"
        + "'properties':{'invoice_id':'i','amount':1,'currency':'ZZZ'}}").rule()).isEqualTo(Rule.UNKNOWN_CURRENCY);
    assertThat(rejection("{'type':'track','messageId':'m','userId':'u','event':'Order Completed','timestamp':'2026-11-20T10:00:00Z',"
        + "'properties':{'currency':'USD','order_id':'o'}}").reason())
        .isEqualTo("properties.total: required for this event (total or revenue)");
  }

  @Test
  void controlCharactersAndDeepNestingAreRefused() throws Exception {
    assertThat(rejection("{'type':'track','messageId':'m\\u0001','userId':'u','event':'x','timestamp':'2026-11-20T10:00:00Z'}").rule())
        .isEqualTo(Rule.CONTROL_CHARACTERS);
    assertThat(map("{'type':'track','messageId':'m','userId':'u','event':'x','timestamp':'2026-11-20T10:00:00Z',"
        + "'properties':{'note':'line 1\\nline 2'}}").getProperties()).containsEntry("note", "\"line 1\\nline 2\"");
    String deep = "{'a':".repeat(9) + "1" + "}".repeat(9);
    assertThat(rejection("{'type':'track','messageId':'m','userId':'u','event':'x','timestamp':'2026-11-20T10:00:00Z','properties':{'p':"
        + deep + "}}").rule()).isEqualTo(Rule.TOO_DEEP);
  }

  @Test
  void hugeNumbersAreRefusedBeforeAnyArithmetic() {
    long start = System.nanoTime();
    EventRejected e = rejection("{'type':'track','messageId':'m','userId':'u','event':'Order Completed','timestamp':'2026-11-20T10:00:00Z',"
        + "'properties':{'order_id':'o','total':1e999999,'currency':'USD'}}");

    assertThat(e.rule()).isEqualTo(Rule.OUT_OF_RANGE);
    assertThat(e.reason()).startsWith("properties.total: 1E+999999 is out of range");
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void deadLetterRulesAreTheDeeperOnes() {
    assertThat(Rule.FUTURE_TIMESTAMP.deadLetter()).isTrue();
    assertThat(Rule.AMOUNT_PRECISION.deadLetter()).isTrue();
    assertThat(Rule.REQUIRED.deadLetter()).isFalse();
    assertThatThrownBy(() -> map("{'type':'track','messageId':'m','userId':'u','event':'!!!','timestamp':'2026-11-20T10:00:00Z'}"))
        .isInstanceOf(EventRejected.class).hasMessage("event: '!!!' has no letters or digits");
  }
}
