package dev.tally.stream.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** SQL statements kept as resource files beside the classes that run them. */
public final class Sql {

  private Sql() {}

  /** The statement in resource {@code name} next to {@code owner}, without its comment lines. */
  public static String statement(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing SQL resource " + name + " beside " + owner.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.strip().startsWith("--"))
          .collect(Collectors.joining("\n")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
