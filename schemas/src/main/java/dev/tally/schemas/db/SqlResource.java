package dev.tally.schemas.db;

import dev.tally.schemas.event.EventColumn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * The one way Tally's modules load SQL: one statement per resource file, kept beside the class that
 * runs it ({@code dev/tally/batch/daily/daily-metrics.sql} next to {@code DailyMetricsJob}), with
 * comment lines (documentation of the statement) and a trailing semicolon taken off. A statement
 * names the raw event's columns by list, {@code {events.columns}} and the like, written out from
 * {@link EventColumn} ({@link EventColumn#expand}).
 */
public final class SqlResource {

  private SqlResource() {}

  /** The statement in resource {@code name} beside {@code owner}. */
  public static String read(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("SQL resource " + name + " not found beside " + owner.getName());
      }
      String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.strip().startsWith("--"))
          .collect(Collectors.joining("\n")).strip();
      return EventColumn.expand(sql.endsWith(";") ? sql.substring(0, sql.length() - 1).strip() : sql);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read SQL resource " + name + " beside " + owner.getName(), e);
    }
  }
}
