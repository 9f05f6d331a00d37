package dev.tally.schemas.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Connection settings in force, resolved once per process. Each {@link Setting} is taken from, in
 * order: the environment, {@code local.env} in the Tally home, the setting's default. The Tally home
 * is {@code $TALLY_HOME}, else the nearest {@code .tally} folder in the working directory or one of
 * its parents (so tests run from any module find the stack that {@code infra/tally up} started).
 */
public final class TallySettings {

  public static final String HOME_VARIABLE = "TALLY_HOME";
  public static final String LOCAL_ENV_FILE = "local.env";

  private final Map<Setting, String> values;
  private final Path home;

  private TallySettings(Map<Setting, String> values, Path home) {
    this.values = values;
    this.home = home;
  }

  /** Settings from this process's environment and the local stack's {@code local.env}. */
  public static TallySettings load() {
    Map<String, String> env = System.getenv();
    Path home = home(env, Path.of("").toAbsolutePath());
    Map<String, String> file = home == null ? Map.of() : readEnvFile(home.resolve(LOCAL_ENV_FILE));
    return resolve(env, file).withHome(home);
  }

  /** Settings from explicit maps (environment first, then file); neither may be null. */
  public static TallySettings resolve(Map<String, String> environment, Map<String, String> localEnv) {
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    for (Setting s : Setting.values()) {
      String value = environment.get(s.variable());
      if (value == null || value.isBlank()) {
        value = localEnv.get(s.variable());
      }
      if (value == null || value.isBlank()) {
        value = s.defaultValue();
      }
      if (value != null) {
        values.put(s, value.trim());
      }
    }
    return new TallySettings(values, null);
  }

  /** The same values with {@code home} as the Tally home ({@link #path}); home may be null. */
  public TallySettings withHome(Path home) {
    return new TallySettings(values, home);
  }

  /**
   * A setting that names a path: a leading {@code $TALLY_HOME} is the Tally home (the {@code .tally}
   * folder of the working directory when there is none).
   */
  public Path path(Setting setting) {
    String value = get(setting);
    String prefix = "$" + HOME_VARIABLE;
    if (value.startsWith(prefix)) {
      Path base = home != null ? home : Path.of(".tally");
      String rest = value.substring(prefix.length()).replaceFirst("^[/\\\\]+", "");
      return rest.isEmpty() ? base : base.resolve(rest);
    }
    return Path.of(value);
  }

  /**
   * The value of {@code setting}; fails naming the variable when it has no value and no default, or
   * when the value breaks the setting's {@link Rule}.
   */
  public String get(Setting setting) {
    String value = values.get(setting);
    if (value == null) {
      throw new InvalidSetting(setting, "is not set (" + setting.description() + "): run infra/tally up, or export "
          + setting.variable());
    }
    setting.rule().check(setting, value);
    return value;
  }

  /** Checks every setting that has a value against its rule; throws the first {@link InvalidSetting}. */
  public TallySettings validate() {
    values.keySet().forEach(this::get);
    return this;
  }

  /** Every value in force by variable name, to hand the settings to another process or task. */
  public Map<String, String> variables() {
    Map<String, String> variables = new HashMap<>();
    values.forEach((setting, value) -> variables.put(setting.variable(), value));
    return variables;
  }

  /** A setting whose rule is a {@link Rule#number}, as an int. */
  public int getInt(Setting setting) {
    String value = get(setting);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new InvalidSetting(setting, "must be at most " + Integer.MAX_VALUE + ", was " + value);
    }
  }

  /** A setting whose rule is a {@link Rule#duration}. */
  public Duration getDuration(Setting setting) {
    return Rule.parseDuration(get(setting));
  }

  public String postgresJdbcUrl() {
    return "jdbc:postgresql://" + get(Setting.PG_HOST) + ":" + getInt(Setting.PG_PORT) + "/" + get(Setting.PG_DATABASE);
  }

  public String clickhouseJdbcUrl() {
    return clickhouseJdbcUrl(get(Setting.CH_DATABASE));
  }

  public String clickhouseJdbcUrl(String database) {
    return "jdbc:clickhouse://" + get(Setting.CH_HOST) + ":" + getInt(Setting.CH_HTTP_PORT) + "/" + database;
  }

  /** The Tally home of this process ({@code $TALLY_HOME} or the nearest {@code .tally}), or null. */
  public static Path homeDirectory() {
    return home(System.getenv(), Path.of("").toAbsolutePath());
  }

  static Path home(Map<String, String> env, Path workingDirectory) {
    String explicit = env.get(HOME_VARIABLE);
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(".tally"))) {
        return dir.resolve(".tally");
      }
    }
    return null;
  }

  /** Reads KEY=value lines; blank lines and lines starting with # are skipped, quotes are removed. */
  static Map<String, String> readEnvFile(Path file) {
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    Map<String, String> values = new HashMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        String trimmed = line.strip();
        int eq = trimmed.indexOf('=');
        if (trimmed.isEmpty() || trimmed.startsWith("#") || eq < 1) {
          continue;
        }
        String key = trimmed.substring(0, eq).replaceFirst("^export\\s+", "").strip();
        values.put(key, unquote(trimmed.substring(eq + 1).strip()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return values;
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
        || value.startsWith("\"") && value.endsWith("\""))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}
