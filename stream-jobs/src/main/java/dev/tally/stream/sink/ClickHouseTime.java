package dev.tally.stream.sink;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** ClickHouse {@code DateTime} values as text in UTC (the server's zone), seconds precision. */
public final class ClickHouseTime {

  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private ClickHouseTime() {}

  public static String of(long epochMillis) {
    return DATE_TIME.format(Instant.ofEpochMilli(Math.floorDiv(epochMillis, 1000) * 1000));
  }
}
