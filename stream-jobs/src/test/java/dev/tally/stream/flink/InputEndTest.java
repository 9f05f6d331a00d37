package dev.tally.stream.flink;

import static dev.tally.stream.flink.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;

class InputEndTest {

  @Test
  void sendsTheEndOfTheNewestMinuteEachTimeItGrows() {
    InputEnd function = new InputEnd();
    List<Long> sent = new ArrayList<>();
    ListCollector<Long> out = new ListCollector<>(sent);
    for (String at : List.of("10:00:05", "10:00:50", "09:58:00", "10:01:00", "10:00:59", "10:03:59.999", "10:03:10")) {
      function.flatMap(event("o", at, "page_viewed", "2042-03-01T" + at + "Z").get(), out);
    }
    assertThat(sent).containsExactly(end("10:01"), end("10:02"), end("10:04"));
  }

  private static long end(String minute) {
    return Instant.parse("2042-03-01T" + minute + ":00Z").toEpochMilli();
  }
}
