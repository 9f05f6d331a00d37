package dev.tally.e2e.truth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.ingest.event.EventFields;
import dev.tally.ingest.event.SegmentMapper;
import dev.tally.schemas.event.AnalyticsEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * The events of a generator NDJSON file ({@code {"organization_id", "disorder", "message"}} per line),
 * as the collector maps them (its {@link SegmentMapper}: mapping is the collector's contract, not
 * aggregation), each (organization_id, event_id) once: the first line that sent it.
 */
public final class GeneratedEvents {

  private GeneratedEvents() {}

  /** How many times each {@code organization_id/event_id} was sent (retries and duplicates included). */
  public static Map<String, Integer> copies(Path ndjson) throws IOException {
    ObjectMapper json = new ObjectMapper();
    SegmentMapper mapper = new SegmentMapper(new EventFields(json), Duration.ofDays(36500));
    Instant receivedAt = Instant.now();
    Map<String, Integer> copies = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(ndjson)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          JsonNode sent = json.readTree(line);
          String organization = sent.path("organization_id").asText();
          AnalyticsEvent event = mapper.map(sent.path("message"), null,
              new SegmentMapper.Envelope(organization, receivedAt, null, null, null));
          copies.merge(organization + "/" + event.getEventId(), 1, Integer::sum);
        }
      }
    }
    return copies;
  }

  public static List<AnalyticsEvent> read(Path ndjson) throws IOException {
    ObjectMapper json = new ObjectMapper();
    SegmentMapper mapper = new SegmentMapper(new EventFields(json), Duration.ofDays(36500));
    Instant receivedAt = Instant.now();
    Set<String> seen = new HashSet<>();
    List<AnalyticsEvent> events = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(ndjson)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode sent = json.readTree(line);
        String organization = sent.path("organization_id").asText();
        AnalyticsEvent event = mapper.map(sent.path("message"), null,
            new SegmentMapper.Envelope(organization, receivedAt, null, null, null));
        if (seen.add(organization + "/" + event.getEventId())) {
          events.add(event);
        }
      }
    }
    return events;
  }
}
