package dev.tally.schemas.db;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A statement with named parameters ({@code :organization_id}), Tally's one parameter style, made
 * ready for plain JDBC: each {@code :name} becomes {@code ?} and {@link #at} gives its position. The
 * batch jobs hand the same form to Spring's {@code NamedParameterJdbcTemplate}; the collector and the
 * stream job, which do not carry Spring, read their statements with this class. A PostgreSQL cast
 * ({@code ::uuid}) is not a parameter, nor is a colon inside a quoted string or identifier.
 */
public final class NamedSql implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String jdbc;
  private final Map<String, List<Integer>> positions;

  private NamedSql(String jdbc, Map<String, List<Integer>> positions) {
    this.jdbc = jdbc;
    this.positions = positions;
  }

  /** The statement in resource {@code name} beside {@code owner} ({@link SqlResource#read}). */
  public static NamedSql read(Class<?> owner, String name) {
    return parse(SqlResource.read(owner, name));
  }

  public static NamedSql parse(String sql) {
    StringBuilder jdbc = new StringBuilder(sql.length());
    Map<String, List<Integer>> positions = new LinkedHashMap<>();
    int parameters = 0;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = sql.indexOf(c, i + 1);
        end = end < 0 ? sql.length() : end + 1;
        jdbc.append(sql, i, end);
        i = end;
      } else if (c == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
        jdbc.append("::");
        i += 2;
      } else if (c == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
        int end = i + 1;
        while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
          end++;
        }
        positions.computeIfAbsent(sql.substring(i + 1, end), n -> new ArrayList<>()).add(++parameters);
        jdbc.append('?');
        i = end;
      } else if (c == '?') {
        throw new IllegalArgumentException("positional parameter ? in a statement with named parameters: name it (:name)");
      } else {
        jdbc.append(c);
        i++;
      }
    }
    return new NamedSql(jdbc.toString(), positions);
  }

  /** The statement for {@code Connection.prepareStatement}. */
  public String jdbc() {
    return jdbc;
  }

  /** The position of parameter {@code name}, which the statement names once. */
  public int at(String name) {
    List<Integer> at = positions.get(name);
    if (at == null) {
      throw new IllegalArgumentException("the statement has no parameter :" + name + " (it has " + positions.keySet() + ")");
    }
    if (at.size() > 1) {
      throw new IllegalArgumentException("the statement names :" + name + " " + at.size() + " times; bind each position");
    }
    return at.get(0);
  }

  /** The parameters' names, in the order they first appear. */
  public List<String> names() {
    return List.copyOf(positions.keySet());
  }
}
