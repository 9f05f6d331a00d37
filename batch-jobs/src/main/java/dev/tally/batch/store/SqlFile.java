package dev.tally.batch.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** Reads one SQL statement from a resource file that sits next to the class that runs it. */
public final class SqlFile {

  private SqlFile() {}

  /** The statement in {@code name} beside {@code owner}, without comment lines or a trailing semicolon. */
  public static String read(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("SQL resource " + name + " not found beside " + owner.getName());
      }
      String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.strip().startsWith("--"))
          .collect(Collectors.joining("\n")).strip();
      return sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read SQL resource " + name, e);
    }
  }
}
