package dev.tally.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.schemas.config.Setting;
import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.kafka.TopicReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the stream wrote to the late topic ({@code tally.events.late}), read from its start to its end. */
final class LateTopic {

  private LateTopic() {}

  /**
   * {@code organization_id/event_id} of every event the stream counted nowhere: each copy of it that
   * was sent ({@code copies}) was reported too late for its minute. A copy past the deduplication
   * horizon is reported even when an earlier copy was counted; copies are told apart by their
   * {@code received_at}, and a line repeated by a replay is the same copy.
   */
  static Set<String> countedNowhere(TallySettings settings, Map<String, Integer> copies) throws IOException {
    Set<String> late = new HashSet<>();
    tooLateCopies(settings).forEach((key, received) -> {
      if (received.size() >= copies.getOrDefault(key, 1)) {
        late.add(key);
      }
    });
    return late;
  }

  /** The {@code received_at} of each copy reported too late for its minute, by {@code organization_id/event_id}. */
  private static Map<String, Set<String>> tooLateCopies(TallySettings settings) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, Set<String>> late = new HashMap<>();
    try (TopicReader topic = new TopicReader(settings, settings.get(Setting.KAFKA_LATE_TOPIC))) {
      for (ConsumerRecord<String, byte[]> record : topic.markStart().sinceMark()) {
        JsonNode event = json.readTree(record.value());
        if (event.path("late_for").asText().equals("minute")) {
          late.computeIfAbsent(event.path("organization_id").asText() + "/" + event.path("event_id").asText(),
              key -> new HashSet<>()).add(event.path("received_at").asText());
        }
      }
    }
    return late;
  }
}
