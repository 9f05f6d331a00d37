package dev.tally.batch;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Rows as "a|b|c" text, so expectations read as tables and both stores compare alike. */
final class Rows {

  private Rows() {}

  static List<String> text(List<Map<String, Object>> rows) {
    return rows.stream()
        .map(r -> r.values().stream().map(String::valueOf).collect(Collectors.joining("|")))
        .toList();
  }
}
