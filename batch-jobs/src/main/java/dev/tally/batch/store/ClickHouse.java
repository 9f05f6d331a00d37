package dev.tally.batch.store;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * The batch jobs' access to ClickHouse (the writer user, built by {@code DataSources}). ClickHouse
 * takes part in no transaction: outputs are replaced per date with {@link #deleteAndWait}, a
 * mutation awaited until it is done, followed by inserts.
 */
public final class ClickHouse {

  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final Duration MUTATION_TIMEOUT = Duration.ofMinutes(10);

  private final NamedParameterJdbcTemplate jdbc;

  public ClickHouse(DataSource dataSource) {
    this.jdbc = new NamedParameterJdbcTemplate(dataSource);
  }

  public <T> List<T> query(String sql, Map<String, ?> params, RowMapper<T> mapper) {
    return jdbc.query(sql, params, mapper);
  }

  public void execute(String sql, Map<String, ?> params) {
    jdbc.update(sql, params);
  }

  public long count(String sql, Map<String, ?> params) {
    Long n = jdbc.queryForObject(sql, params, Long.class);
    return n == null ? 0 : n;
  }

  /** Inserts rows with one batch per 10,000; values must be ClickHouse-ready (see {@link #value}). */
  public void insert(String insertSql, List<Map<String, Object>> rows) {
    for (int from = 0; from < rows.size(); from += 10_000) {
      List<Map<String, Object>> slice = rows.subList(from, Math.min(rows.size(), from + 10_000));
      SqlParameterSource[] batch = slice.stream().map(MapSqlParameterSource::new).toArray(SqlParameterSource[]::new);
      jdbc.batchUpdate(insertSql, batch);
    }
  }

  /**
   * {@code ALTER TABLE table DELETE WHERE where}, then waits until the mutation has rewritten every
   * part, so rows inserted afterwards are the only ones left for that condition.
   */
  public void deleteAndWait(String table, String where, Map<String, ?> params) {
    Map<String, Object> values = new java.util.HashMap<>();
    params.forEach((k, v) -> values.put(k, value(v)));
    jdbc.update("ALTER TABLE " + table + " DELETE WHERE " + where, values);
    long deadline = System.nanoTime() + MUTATION_TIMEOUT.toNanos();
    // A rollup's rows of one date are a small mutation, usually done within a few milliseconds: look
    // again after 2 ms, doubling up to 50 ms, instead of sleeping 50 ms from the start.
    long pauseMs = 2;
    while (count("SELECT count() FROM system.mutations WHERE database = currentDatabase() AND table = :table AND is_done = 0",
        Map.of("table", table)) > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("ClickHouse mutation on " + table + " not done after " + MUTATION_TIMEOUT);
      }
      try {
        Thread.sleep(pauseMs);
        pauseMs = Math.min(50, pauseMs * 2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a mutation on " + table, e);
      }
    }
  }

  /** A JDBC value as the legacy driver writes it into ClickHouse: dates and UUIDs as text. */
  public static Object value(Object v) {
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toInstant().atOffset(ZoneOffset.UTC).format(DATE_TIME);
    }
    if (v instanceof java.util.UUID u) {
      return u.toString();
    }
    if (v instanceof java.time.LocalDate d) {
      return d.toString();
    }
    if (v instanceof LocalDateTime t) {
      return t.format(DATE_TIME);
    }
    return v;
  }

  /** Now in UTC, as ClickHouse DateTime text: the computed_at of rows written by one run. */
  public static String now() {
    return LocalDateTime.now(ZoneOffset.UTC).format(DATE_TIME);
  }
}
