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
 * takes part in no transaction: published outputs are replaced per date with {@link #replaceRows}
 * (a partition swap, atomic for readers); working tables with {@link #deleteAndWait}, a mutation
 * awaited until it is done, followed by inserts.
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

  /**
   * Replaces the rows of {@code table} that {@code where} selects with {@code rows} (inserted by
   * {@code insertSql}, an {@code INSERT INTO table ...}) so that readers see all the old rows or all the
   * new ones, never none or some: every partition concerned is built in {@code <table>_publish}
   * (its rows that {@code where} does not select, then the new ones) and swapped in whole with
   * {@code ALTER TABLE ... REPLACE PARTITION ... FROM} (atomic, ClickHouse 18.16 onwards). The caller
   * keeps other writers of the table out meanwhile. A partition is replaced atomically; a change that
   * spans several partitions is replaced one partition after another.
   */
  public void replaceRows(String table, String where, Map<String, ?> params, String insertSql,
      List<Map<String, Object>> rows) {
    String staging = table + "_publish";
    String into = "INSERT INTO " + table + " ";
    if (!insertSql.stripLeading().startsWith(into)) {
      throw new IllegalArgumentException("not an insert into " + table + ": " + insertSql);
    }
    String key = query("SELECT partition_key FROM system.tables WHERE database = currentDatabase() AND name = :table",
        Map.of("table", table), (rs, n) -> rs.getString(1)).get(0);
    Map<String, Object> values = new java.util.HashMap<>();
    params.forEach((k, v) -> values.put(k, value(v)));
    for (String left : partitions(staging)) { // an earlier attempt that stopped half way
      execute("ALTER TABLE " + staging + " DROP PARTITION " + left, Map.of());
    }
    insert("INSERT INTO " + staging + " " + insertSql.stripLeading().substring(into.length()), rows);
    java.util.SortedSet<String> partitions = new java.util.TreeSet<>(query("SELECT DISTINCT toString(" + key + ") FROM "
        + table + " WHERE " + where, values, (rs, n) -> rs.getString(1)));
    partitions.addAll(query("SELECT DISTINCT toString(" + key + ") FROM " + staging, Map.of(), (rs, n) -> rs.getString(1)));
    for (String partition : partitions) {
      if (!partition.matches("\\d+")) {
        throw new IllegalStateException(table + " is partitioned by " + key + ", not a number: cannot publish " + partition);
      }
      execute("INSERT INTO " + staging + " SELECT * FROM " + table + " WHERE " + key + " = " + partition + " AND NOT ("
          + where + ")", values);
      execute("ALTER TABLE " + table + " REPLACE PARTITION " + partition + " FROM " + staging, Map.of());
      execute("ALTER TABLE " + staging + " DROP PARTITION " + partition, Map.of());
    }
  }

  /** The active partitions of {@code table}, as ALTER TABLE ... PARTITION takes them. */
  private List<String> partitions(String table) {
    return query("SELECT DISTINCT partition FROM system.parts WHERE database = currentDatabase() AND table = :table"
        + " AND active", Map.of("table", table), (rs, n) -> rs.getString(1));
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
