package dev.tally.ingest.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoTimestampTest {

  private static final String EDITS = "0123456789-:.TtZz+ /x\u0663\u00a0";
  private static final long FIRST_SECOND = OffsetDateTime.parse("0000-01-01T00:00:00Z").toEpochSecond();
  private static final long LAST_SECOND = OffsetDateTime.parse("9999-12-31T23:59:59Z").toEpochSecond();

  /** What OffsetDateTime.parse makes of a text: the instant, or the error with its message. */
  private static String reference(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant().toString();
    } catch (DateTimeParseException e) {
      return "error: " + e.getMessage();
    }
  }

  private static String fast(String text) {
    try {
      return IsoTimestamp.parse(text).toString();
    } catch (DateTimeParseException e) {
      return "error: " + e.getMessage();
    }
  }

  /** {@code yyyy-MM-ddTHH:mm:ss[.f]Z} with 0 to 9 fraction digits, at a random time from year 0 to 9999. */
  private static String randomUtc(Random random) {
    long second = FIRST_SECOND + (long) (random.nextDouble() * (LAST_SECOND - FIRST_SECOND));
    String base = OffsetDateTime.ofInstant(Instant.ofEpochSecond(second), ZoneOffset.UTC).toLocalDateTime().toString();
    base = base.length() == 16 ? base + ":00" : base; // LocalDateTime drops ":00" seconds
    int digits = random.nextInt(10);
    StringBuilder fraction = new StringBuilder(digits == 0 ? "" : ".");
    for (int i = 0; i < digits; i++) {
      fraction.append((char) ('0' + random.nextInt(10)));
    }
    return base + fraction + "Z";
  }

  @Test
  void generatedUtcTimesTakeTheFastPathAndAgreeWithOffsetDateTime() {
    Random random = new Random(42);
    for (int i = 0; i < 100_000; i++) {
      String text = randomUtc(random);
      assertThat(IsoTimestamp.parseUtc(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }
  }

  @Test
  void editedTextsGiveTheSameInstantOrTheSameError() {
    Random random = new Random(7);
    for (int i = 0; i < 50_000; i++) {
      StringBuilder text = new StringBuilder(randomUtc(random));
      for (int edits = 1 + random.nextInt(2); edits > 0; edits--) {
        int at = random.nextInt(text.length());
        char c = EDITS.charAt(random.nextInt(EDITS.length()));
        switch (random.nextInt(3)) {
          case 0 -> text.setCharAt(at, c);
          case 1 -> text.deleteCharAt(at);
          default -> text.insert(at, c);
        }
      }
      assertThat(fast(text.toString())).as(text.toString()).isEqualTo(reference(text.toString()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "2026-11-20T10:15:30Z", "2026-11-20T10:15:30.1Z", "2026-11-20T10:15:30.123Z", "2026-11-20T10:15:30.123456789Z",
      "2024-02-29T00:00:00Z", "2000-02-29T23:59:59.999Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
      "0000-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
      // everything below is for OffsetDateTime.parse: same instant or same error by construction, checked anyway
      "2026-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
      "2026-11-00T00:00:00Z", "2026-11-20T24:00:00Z", "2026-11-20T23:60:00Z", "2026-11-20T23:59:60Z",
      "2026-11-20T10:15Z", "2026-11-20T10:15:30.Z", "2026-11-20T10:15:30.1234567890Z", "2026-11-20t10:15:30z",
      "2026-11-20T10:15:30+00:00", "2026-11-20T10:15:30-05:30", "2026-11-20T10:15:30.5+14:00", "2026-11-20T10:15:30+1",
      "2026-11-20 10:15:30Z", " 2026-11-20T10:15:30Z", "2026-11-20T10:15:30Z ", "+12026-11-20T10:15:30Z",
      "-2026-11-20T10:15:30Z", "2026-1-20T10:15:30Z", "2026-11-20T10:15:30,123Z", "2026-11-20T10:15:30.12a4Z",
      "\u0662026-11-20T10:15:30Z", "2026-11-20T10:15:30", "2026-11-20", "", "Z", "not a time",
      "2026-11-20T10:15:30.123Z[UTC]", "2026-11-20T10:15:30.123ZZ"})
  void edgeCasesAgreeWithOffsetDateTime(String text) {
    assertThat(fast(text)).isEqualTo(reference(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-20T10:15:30+01:00", "2026-02-29T00:00:00Z", "2026-11-20T23:59:60Z", "2026-11-20t10:15:30Z",
      "2026-11-20T10:15Z", "2026-11-20T10:15:30.Z"})
  void leavesOtherShapesAndInvalidFieldsToTheGeneralParser(String text) {
    assertThat(IsoTimestamp.parseUtc(text)).isNull();
  }
}
