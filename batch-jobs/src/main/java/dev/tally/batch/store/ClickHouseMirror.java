package dev.tally.batch.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Copies one date's (or period's) rows of a rollup from PostgreSQL, the system of record, to its
 * ClickHouse copy: what PostgreSQL holds, each row stamped with one {@code computed_at}, replaces the
 * copy's rows of that date in one partition swap ({@link ClickHouse#replaceRows}), so analysts see
 * the old rows or the new ones, never a date missing or half loaded. Publishers of one table take
 * turns (a PostgreSQL advisory lock). Runs as a whole, so a restart after a crash repeats it and ends
 * with exactly PostgreSQL's rows.
 *
 * @param table the table name, the same in both stores
 * @param selectFromPostgres named-parameter SELECT of the rows, columns named as in ClickHouse
 * @param clickHouseWhere named-parameter condition selecting the same rows in ClickHouse
 * @param insertIntoClickHouse named-parameter INSERT with a {@code :computed_at} parameter
 * @param params the parameters of the three statements, from the job parameters
 */
public record ClickHouseMirror(String table, String selectFromPostgres, String clickHouseWhere,
    String insertIntoClickHouse, Function<Map<String, Object>, Map<String, Object>> params) {

  public Tasklet tasklet(DataSource postgres, ClickHouse clickHouse) {
    return (StepContribution contribution, ChunkContext context) -> {
      contribution.incrementWriteCount(copy(postgres, clickHouse, params.apply(context.getStepContext().getJobParameters())));
      return RepeatStatus.FINISHED;
    };
  }

  /** Replaces the ClickHouse rows selected by {@code p} with PostgreSQL's; returns how many were copied. */
  public int copy(DataSource postgres, ClickHouse clickHouse, Map<String, Object> p) {
    List<Map<String, Object>> rows = new NamedParameterJdbcTemplate(postgres)
        .query(selectFromPostgres, p, new ColumnMapRowMapper());
    String computedAt = ClickHouse.now();
    List<Map<String, Object>> values = rows.stream().map(row -> {
      Map<String, Object> v = new LinkedHashMap<>();
      row.forEach((k, x) -> v.put(k, ClickHouse.value(x)));
      v.put("computed_at", computedAt);
      return v;
    }).toList();
    // one publisher of the table at a time: each swaps whole partitions, which hold other dates' rows too
    AdvisoryLock.holding(postgres, "publish:" + table, AdvisoryLock.Mode.EXCLUSIVE, () -> {
      clickHouse.replaceRows(table, clickHouseWhere, p, insertIntoClickHouse, values);
      return null;
    });
    return values.size();
  }
}
