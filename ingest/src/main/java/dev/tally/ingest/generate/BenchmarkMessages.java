package dev.tally.ingest.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * The messages of the ingest benchmarks ({@code infra/tally bench ingest} and the one-thread
 * {@code PipelineCost}), so both measure the same shape: {@code Message Sent} tracks of an AI agent,
 * with usage properties and a full context, as a mobile or web SDK sends them (about 430 bytes each).
 */
public final class BenchmarkMessages {

  private BenchmarkMessages() {}

  /**
   * Adds one message to a Segment batch array.
   *
   * @param body which request body it is for (varies users and conversations)
   * @param index its place in the body
   * @param now the time the timestamps count back from
   */
  public static ObjectNode add(ArrayNode batch, int body, int index, Instant now) {
    ObjectNode message = batch.addObject();
    message.put("type", "track").put("messageId", UUID.randomUUID().toString()).put("event", "Message Sent")
        .put("userId", "user-" + (body * 7 + index) % 5000).put("timestamp", now.minusMillis(index * 37L).toString());
    message.putObject("properties").put("agent_id", "agent-" + index % 12).put("conversation_id", "c-" + body + "-" + index / 10)
        .put("tokens", 100 + index * 13).put("response_time_ms", 420.5 + index).put("status", index % 20 == 0 ? "error" : "ok");
    ObjectNode context = message.putObject("context");
    context.put("ip", "203.0.113." + index).put("userAgent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15");
    context.putObject("app").put("version", "5.12.0");
    context.putObject("os").put("name", "Mac OS X");
    return message;
  }
}
