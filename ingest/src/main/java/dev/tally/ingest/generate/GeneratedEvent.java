package dev.tally.ingest.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One generated Segment message for an organization, and what makes it unusual for the pipeline.
 *
 * @param organizationId the tenant
 * @param message the Segment message as sent
 * @param disorder null for an ordinary event, else {@code duplicate}, {@code out_of_order} or {@code late}
 */
public record GeneratedEvent(String organizationId, ObjectNode message, String disorder) {

  public String messageId() {
    return message.path("messageId").asText();
  }
}
