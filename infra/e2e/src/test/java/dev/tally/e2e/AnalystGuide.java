package dev.tally.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The queries of {@code docs/analyst-guide.md}: each {@code ```sql} block under its {@code ###} heading. */
final class AnalystGuide {

  record Query(String title, String sql) {}

  private AnalystGuide() {}

  static List<Query> queries(Path guide) throws IOException {
    List<Query> queries = new ArrayList<>();
    String title = null;
    StringBuilder sql = null;
    for (String line : Files.readAllLines(guide)) {
      if (sql != null) {
        if (line.strip().equals("```")) {
          queries.add(new Query(title, sql.toString().strip()));
          sql = null;
        } else {
          sql.append(line).append('\n');
        }
      } else if (line.startsWith("### ")) {
        title = line.substring(4).strip();
      } else if (line.strip().equals("```sql")) {
        if (title == null) {
          throw new IllegalStateException("a query before any ### heading in " + guide);
        }
        sql = new StringBuilder();
      }
    }
    return queries;
  }
}
