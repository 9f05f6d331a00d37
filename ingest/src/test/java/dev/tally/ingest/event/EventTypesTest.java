package dev.tally.ingest.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventTypesTest {

  @ParameterizedTest
  @CsvSource({
      "Order Completed, order_completed",
      "orderCompleted, order_completed",
      "order-completed, order_completed",
      "'  Signed  Up! ', signed_up",
      "message_sent, message_sent",
      "Invoice Paid (v2), invoice_paid_v2",
      "API Call, api_call"})
  void namesBecomeSnakeCase(String name, String expected) {
    assertThat(EventTypes.normalise(name)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
      "order_completed, commerce", "product_viewed, commerce", "invoice_paid, billing", "subscription_started, billing",
      "message_sent, agent", "workflow_executed, agent", "conversation_started, agent", "signed_up, lifecycle",
      "page_viewed, engagement", "identify, engagement"})
  void categoryFollowsTheType(String type, String category) {
    assertThat(EventTypes.categoryOf(type)).isEqualTo(category);
  }
}
