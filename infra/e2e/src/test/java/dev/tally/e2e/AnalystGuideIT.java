package dev.tally.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.db.DataSources;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every query of the analyst guide, run as the read-only {@code analyst} user against the data of a
 * small {@code infra/tally demo} (generated traffic through the HTTP API, the stream, every nightly job),
 * must return rows.
 */
@ExtendWith(DemoRun.Data.class)
class AnalystGuideIT {

  static final DataSource ANALYST = DataSources.clickhouseAnalyst(TallySettings.load());

  @TestFactory
  Stream<DynamicTest> everyQueryReturnsRows() throws Exception {
    List<AnalystGuide.Query> queries = AnalystGuide.queries(Launcher.ROOT.resolve("docs/analyst-guide.md"));
    assertThat(queries).as("queries in the guide").hasSizeGreaterThanOrEqualTo(12);
    return queries.stream().map(q -> DynamicTest.dynamicTest(q.title(), () ->
        assertThat(rows(q.sql())).as(q.title() + ":\n" + q.sql()).isPositive()));
  }

  @Test
  void theAnalystCannotWrite() {
    assertThatThrownBy(() -> rows("INSERT INTO daily_metrics SELECT * FROM daily_metrics LIMIT 1"))
        .isInstanceOf(SQLException.class).hasMessageContaining("readonly");
  }

  private static int rows(String sql) throws SQLException {
    try (Connection c = ANALYST.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int n = 0;
      while (rs.next()) {
        n++;
      }
      return n;
    }
  }
}
