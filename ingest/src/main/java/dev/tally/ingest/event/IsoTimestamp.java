package dev.tally.ingest.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * An ISO-8601 time with an offset, as {@link OffsetDateTime#parse} reads it, with a fast path for the
 * shape nearly every client sends: {@code yyyy-MM-ddTHH:mm:ssZ} with an optional fraction of 1 to 9
 * digits ({@code 2026-11-20T10:15:30.123Z}). Anything else (other offsets, lower case, missing
 * seconds, out-of-range fields, junk) goes to {@code OffsetDateTime.parse}, so results and errors are
 * exactly its own; the fast path only skips the general parser where the answer is certain.
 */
final class IsoTimestamp {

  private static final int[] NANOS_SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};
  private static final int SHORTEST = "yyyy-MM-ddTHH:mm:ssZ".length();

  private IsoTimestamp() {}

  /** @throws DateTimeParseException as {@link OffsetDateTime#parse} does */
  static Instant parse(String text) {
    Instant fast = parseUtc(text);
    return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
  }

  /** The instant of a {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} text whose fields are all in range, else null. */
  static Instant parseUtc(String text) {
    int length = text.length();
    if (length < SHORTEST || length > SHORTEST + 10 || text.charAt(length - 1) != 'Z'
        || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()
        || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int nanos = 0;
    int fractionDigits = length - SHORTEST - 1; // without the '.'
    if (length > SHORTEST) {
      if (text.charAt(19) != '.' || fractionDigits < 1) {
        return null;
      }
      int fraction = digits(text, 20, fractionDigits);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction * NANOS_SCALE[fractionDigits];
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** The value of {@code count} ASCII digits from {@code start}, or -1 when any is not one. */
  private static int digits(String text, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
