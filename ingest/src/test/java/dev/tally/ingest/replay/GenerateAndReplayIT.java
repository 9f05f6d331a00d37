package dev.tally.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.ingest.generate.GenerateCommand;
import dev.tally.ingest.http.RunningCollector;
import dev.tally.schemas.event.EventCodec;
import dev.tally.schemas.kafka.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The generator through the real collector, then a replay interrupted and resumed: every line sent exactly once. */
class GenerateAndReplayIT {

  private final ObjectMapper json = new ObjectMapper();

  @TempDir
  Path dir;

  private Map<String, Integer> copiesById(List<ConsumerRecord<String, byte[]>> records) {
    EventCodec<dev.tally.schemas.event.AnalyticsEvent> codec = EventCodec.analyticsEvents();
    Map<String, Integer> copies = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      copies.merge(codec.decode(record.value()).getEventId(), 1, Integer::sum);
    }
    return copies;
  }

  private List<String> ids(Path file) throws Exception {
    List<String> ids = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      ids.add(json.readTree(line).path("message").path("messageId").asText());
    }
    return ids;
  }

  @Test
  void generatedEventsArriveAndAnInterruptedReplaySendsEachRemainingLineOnce() throws Exception {
    Path events = dir.resolve("events.ndjson");
    try (RunningCollector stack = RunningCollector.start();
        TopicReader topic = new TopicReader(stack.settings, stack.config.eventsTopic())) {
      String url = stack.url();
      long seed = System.nanoTime();
      int exit = new CommandLine(new GenerateCommand()).execute("--organizations", "2", "--days", "2", "--users", "15",
          "--seed", Long.toString(seed), "--duplicates", "0.05", "--url", url, "--out", events.toString());
      assertThat(exit).isZero();

      List<String> sent = ids(events);
      Set<String> distinct = new HashSet<>(sent);
      Map<String, Integer> arrived = copiesById(topic.sinceMark());
      assertThat(sent.size()).as("duplicates were sent").isGreaterThan(distinct.size());
      assertThat(arrived.keySet()).isEqualTo(distinct);
      for (String id : distinct) {
        assertThat(arrived.get(id)).as("copies of %s", id).isEqualTo((int) sent.stream().filter(id::equals).count());
      }

      // An interrupted replay: the checkpoint says 120 lines were acknowledged before the interruption.
      Files.writeString(dir.resolve("events.ndjson.checkpoint"), "120\n");
      topic.mark();
      exit = new CommandLine(new ReplayCommand()).execute(events.toString(), "--url", url);
      assertThat(exit).isZero();

      Map<String, Integer> replayed = copiesById(topic.sinceMark());
      List<String> remaining = sent.subList(120, sent.size());
      Map<String, Integer> expected = new HashMap<>();
      remaining.forEach(id -> expected.merge(id, 1, Integer::sum));
      assertThat(replayed).isEqualTo(expected);
      assertThat(Files.readString(dir.resolve("events.ndjson.checkpoint")).strip()).isEqualTo(Integer.toString(sent.size()));

      // Run again: everything is acknowledged, nothing is sent.
      topic.mark();
      assertThat(new CommandLine(new ReplayCommand()).execute(events.toString(), "--url", url)).isZero();
      assertThat(topic.sinceMark()).isEmpty();
    }
  }
}
