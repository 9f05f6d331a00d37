package dev.tally.schemas.setup;

import dev.tally.schemas.db.NamedSql;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Applies versioned ClickHouse migrations ({@code V<n>__<description>.sql} on the classpath) in
 * order, each once, recording them in {@code schema_migrations}.
 *
 * <p>Written by hand because no migration library supports ClickHouse 18.16 (Flyway's ClickHouse
 * support needs 21+). A file may hold several statements separated by a {@code ;} at the end of a
 * line. An applied migration whose file changed afterwards is an error: add a new version instead.
 */
public final class ClickHouseMigrations {

  public static final String DEFAULT_LOCATION = "db/clickhouse";

  private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");
  /** Records an applied migration in {@code schema_migrations}. */
  private static final NamedSql RECORD = NamedSql.parse(
      "INSERT INTO schema_migrations (version, description, checksum) VALUES (:version, :description, :checksum)");
  private static final Pattern STATEMENT_END = Pattern.compile(";\\s*$", Pattern.MULTILINE);

  private final DataSource server;
  private final DataSource database;
  private final String databaseName;
  private final String location;

  /**
   * @param server connection to the server's default database, used to create {@code databaseName}
   * @param database connection to {@code databaseName}, used for the migrations
   */
  public ClickHouseMigrations(DataSource server, DataSource database, String databaseName, String location) {
    this.server = server;
    this.database = database;
    this.databaseName = databaseName;
    this.location = location;
  }

  /** One migration file. */
  public record Migration(int version, String description, String sql) {
    String checksum() {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        return HexFormat.of().formatHex(sha.digest(sql.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    List<String> statements() {
      List<String> statements = new ArrayList<>();
      for (String part : STATEMENT_END.split(stripLineComments(sql))) {
        if (!part.isBlank()) {
          statements.add(part.strip());
        }
      }
      return statements;
    }

    private static String stripLineComments(String text) {
      return text.lines().filter(l -> !l.strip().startsWith("--")).collect(Collectors.joining("\n", "", "\n"));
    }
  }

  /** Applies what is pending and returns the migrations applied by this call (empty when up to date). */
  public List<Migration> migrate() throws SQLException {
    try (Connection c = server.getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE IF NOT EXISTS " + databaseName);
    }
    List<Migration> applied = new ArrayList<>();
    try (Connection c = database.getConnection()) {
      try (Statement st = c.createStatement()) {
        st.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, description String,"
            + " checksum String, applied_at DateTime DEFAULT now()) ENGINE = MergeTree ORDER BY version");
      }
      Map<Integer, String> done = appliedChecksums(c);
      for (Migration m : available()) {
        String checksum = done.get(m.version());
        if (checksum != null) {
          if (!checksum.equals(m.checksum())) {
            throw new IllegalStateException("ClickHouse migration V" + m.version() + "__" + m.description()
                + " was changed after it was applied; add a new version instead of editing it");
          }
          continue;
        }
        apply(c, m);
        applied.add(m);
      }
    }
    return applied;
  }

  /** Versions recorded as applied, with their checksums. */
  public Map<Integer, String> applied() throws SQLException {
    try (Connection c = database.getConnection()) {
      return appliedChecksums(c);
    }
  }

  private static Map<Integer, String> appliedChecksums(Connection c) throws SQLException {
    Map<Integer, String> done = new LinkedHashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT version, checksum FROM schema_migrations ORDER BY version")) {
      while (rs.next()) {
        done.put(rs.getInt(1), rs.getString(2));
      }
    }
    return done;
  }

  private static void apply(Connection c, Migration m) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (String statement : m.statements()) {
        try {
          st.execute(statement);
        } catch (SQLException e) {
          throw new SQLException("ClickHouse migration V" + m.version() + "__" + m.description() + " failed: "
              + e.getMessage(), e);
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(RECORD.jdbc())) {
      ps.setInt(RECORD.at("version"), m.version());
      ps.setString(RECORD.at("description"), m.description());
      ps.setString(RECORD.at("checksum"), m.checksum());
      ps.executeUpdate();
    }
  }

  /** The migrations found at the location, by version. */
  public List<Migration> available() {
    Map<Integer, Migration> byVersion = new TreeMap<>();
    for (Map.Entry<String, String> file : readLocation().entrySet()) {
      Matcher matcher = FILE_NAME.matcher(file.getKey());
      if (!matcher.matches()) {
        throw new IllegalStateException("unexpected file " + location + "/" + file.getKey()
            + ": migrations are named V<number>__<description>.sql");
      }
      Migration m = new Migration(Integer.parseInt(matcher.group(1)), matcher.group(2), file.getValue());
      Migration previous = byVersion.put(m.version(), m);
      if (previous != null) {
        throw new IllegalStateException("two ClickHouse migrations have version " + m.version());
      }
    }
    return List.copyOf(byVersion.values());
  }

  /** File name to content of every file directly under the location, in a directory or a jar. */
  private Map<String, String> readLocation() {
    URL url = ClickHouseMigrations.class.getClassLoader().getResource(location);
    if (url == null) {
      throw new IllegalStateException("no ClickHouse migrations on the classpath at " + location);
    }
    Map<String, String> files = new TreeMap<>();
    try {
      if ("jar".equals(url.getProtocol())) {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        try (var jar = connection.getJarFile()) {
          String prefix = location + "/";
          var entries = jar.entries();
          while (entries.hasMoreElements()) {
            var entry = entries.nextElement();
            String name = entry.getName();
            if (!entry.isDirectory() && name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0) {
              try (InputStream in = jar.getInputStream(entry)) {
                files.put(name.substring(prefix.length()), new String(in.readAllBytes(), StandardCharsets.UTF_8));
              }
            }
          }
        }
      } else {
        try (Stream<Path> paths = Files.list(Path.of(url.toURI()))) {
          for (Path p : paths.filter(Files::isRegularFile).toList()) {
            files.put(p.getFileName().toString(), Files.readString(p));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read ClickHouse migrations at " + url, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return files;
  }
}
