package dev.tally.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.schemas.config.Setting;
import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.kafka.TopicReader;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the stream wrote to the late topic ({@code tally.events.late}), read from its start to its end. */
final class LateTopic {

  private LateTopic() {}

  /** {@code organization_id/event_id} of every event the stream reported too late for its minute (once each). */
  static Set<String> tooLateForTheirMinute(TallySettings settings) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Set<String> late = new HashSet<>();
    try (TopicReader topic = new TopicReader(settings, settings.get(Setting.KAFKA_LATE_TOPIC))) {
      for (ConsumerRecord<String, byte[]> record : topic.markStart().sinceMark()) {
        JsonNode event = json.readTree(record.value());
        if (event.path("late_for").asText().equals("minute")) {
          late.add(event.path("organization_id").asText() + "/" + event.path("event_id").asText());
        }
      }
    }
    return late;
  }
}
