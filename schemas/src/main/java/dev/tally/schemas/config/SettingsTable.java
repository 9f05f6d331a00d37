package dev.tally.schemas.config;

import java.util.Locale;

/** Every {@link Setting} as a table: for {@code infra/tally settings} and the docs (docs/operations.md). */
public final class SettingsTable {

  private SettingsTable() {}

  /** A Markdown table: variable, default, values, meaning. */
  public static String markdown() {
    StringBuilder table = new StringBuilder("| variable | default | values | meaning |\n|---|---|---|---|\n");
    for (Setting s : Setting.values()) {
      table.append("| `").append(s.variable()).append("` | ").append(defaultText(s, "`")).append(" | ")
          .append(s.rule().description()).append(" | ").append(s.description()).append(" |\n");
    }
    return table.toString();
  }

  /** Aligned plain text, one setting per line. */
  public static String text() {
    StringBuilder table = new StringBuilder();
    for (Setting s : Setting.values()) {
      table.append(String.format(Locale.ROOT, "%-38s %-26s %s%n", s.variable(), defaultText(s, ""), s.description()));
    }
    return table.toString();
  }

  private static String defaultText(Setting s, String quote) {
    return s.defaultValue() == null ? "(generated)" : quote + s.defaultValue() + quote;
  }
}
