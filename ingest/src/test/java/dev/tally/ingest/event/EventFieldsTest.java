package dev.tally.ingest.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventFieldsTest {

  private static String jackson(String text) {
    return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "pro", "Mac OS X", "say \"hi\"", "C:\\temp", "line\nbreak", "tab\there", "nul\u0000", "del\u007f",
      "é中😀", "\u2028", "</script>", "\ud800"})
  void quotedIsWhatJacksonWrites(String text) {
    assertThat(EventFields.quoted(text)).isEqualTo(jackson(text));
  }

  @Test
  void quotedAgreesWithJacksonOnGeneratedStrings() {
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(30); n > 0; n--) {
        text.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x20, 0x3000)));
      }
      assertThat(EventFields.quoted(text.toString())).isEqualTo(jackson(text.toString()));
    }
  }
}
