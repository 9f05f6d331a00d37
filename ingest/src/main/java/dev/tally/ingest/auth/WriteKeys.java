package dev.tally.ingest.auth;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tally.ingest.config.IngestConfig;
import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.db.DataSources;
import dev.tally.schemas.db.NamedSql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Write keys in PostgreSQL ({@code write_keys}): only the SHA-256 (hex) of a key is stored, with
 * its first characters as a prefix people can name it by, and its {@link KeyScope}. Lookups go
 * through a {@link KeyLookupCache}: remembered for a TTL (so a revocation takes at most that long to
 * bite), refreshed in the background before they expire, kept working for a bounded time while
 * PostgreSQL is down; unknown keys reach PostgreSQL at most a few times a second.
 */
public final class WriteKeys implements AutoCloseable {

  /** A key just created; {@code key} is shown once and never stored. */
  public record NewKey(String key, String prefix, String organizationId, KeyScope scope) {}

  /** A stored key, without its secret. {@code name} and {@code revokedAt} may be null. */
  public record StoredKey(String prefix, String organizationId, KeyScope scope, String name, Instant createdAt,
      Instant revokedAt) {}

  /** What an active key lets a request do: send for this organization, within this scope. */
  public record KeyGrant(String organizationId, KeyScope scope) {}

  public static final String KEY_START = "tk_";
  /** The collector's PostgreSQL sessions carry this application name ({@code pg_stat_activity}). */
  public static final String COLLECTOR_APPLICATION = "tally-collector";
  static final int PREFIX_LENGTH = 11;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final DataSource database;
  private final KeyLookupCache cache;

  /** For command-line tools: every lookup asks PostgreSQL. */
  public WriteKeys(DataSource database) {
    this(database, KeyLookupCache.Policy.NONE);
  }

  /**
   * For the collector: lookups remembered for {@code ttl}, known keys kept working for {@code staleWhileDown}
   * past it while PostgreSQL cannot be asked, at most {@code lookupsPerSecond} lookups of keys in neither cache.
   */
  public WriteKeys(DataSource database, Duration ttl, Duration staleWhileDown, int lookupsPerSecond) {
    this(database, new KeyLookupCache.Policy(ttl, staleWhileDown, lookupsPerSecond));
  }

  /**
   * The collector's: lookups on a pool of at most {@code config.postgresPoolSize()} connections with
   * timeouts (2 s to connect or wait for a connection, 5 s per query), so a slow or absent PostgreSQL
   * answers 503 quickly; the collector starts even while PostgreSQL is down.
   */
  public static WriteKeys forCollector(TallySettings settings, IngestConfig config) {
    DataSource postgres = DataSources.postgres(settings);
    if (postgres instanceof PGSimpleDataSource simple) {
      simple.setApplicationName(COLLECTOR_APPLICATION);
      simple.setConnectTimeout(2);
      simple.setLoginTimeout(2);
      simple.setSocketTimeout(5);
    }
    HikariConfig pool = new HikariConfig();
    pool.setPoolName("write-keys");
    pool.setDataSource(postgres);
    pool.setMaximumPoolSize(config.postgresPoolSize());
    pool.setMinimumIdle(1);
    pool.setConnectionTimeout(2000);
    pool.setValidationTimeout(1000);
    pool.setInitializationFailTimeout(-1);
    return new WriteKeys(new HikariDataSource(pool), config.keyCacheTtl(), config.keyStaleWhileDown(),
        config.keyLookupsPerSecond());
  }

  /** Closes the collector's pool. */
  @Override
  public void close() {
    if (database instanceof HikariDataSource pool) {
      pool.close();
    }
  }

  private WriteKeys(DataSource database, KeyLookupCache.Policy policy) {
    this.database = database;
    this.cache = new KeyLookupCache(this::lookUp, policy, WriteKeys::refreshInBackground, System::nanoTime);
  }

  /**
   * The grant of an active key, or none (unknown or revoked).
   *
   * @throws SQLException when PostgreSQL cannot be asked (the caller answers 503)
   * @throws KeyLookupsBusy when the key was not seen lately and its lookup must wait (the caller answers 503)
   */
  public Optional<KeyGrant> find(String key) throws SQLException, KeyLookupsBusy {
    return cache.find(sha256(key));
  }

  private Optional<KeyGrant> lookUp(String hash) throws SQLException {
    try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(Sql.FIND_KEY.jdbc())) {
      s.setString(Sql.FIND_KEY.at("key_hash"), hash);
      try (ResultSet rows = s.executeQuery()) {
        return rows.next() ? Optional.of(new KeyGrant(rows.getString(1), KeyScope.of(rows.getString(2)))) : Optional.empty();
      }
    }
  }

  /** Background lookups, one at a time, on a daemon thread started when first needed. */
  private static void refreshInBackground(Runnable lookup) {
    Refresher.EXECUTOR.execute(lookup);
  }

  private static final class Refresher {
    static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "write-key-refresh");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Creates a server key for an organization; {@code name} may be null. */
  public NewKey create(UUID organizationId, String name) throws SQLException {
    return create(organizationId, name, KeyScope.SERVER);
  }

  /** Creates a key of {@code scope} for an organization; {@code name} may be null. */
  public NewKey create(UUID organizationId, String name, KeyScope scope) throws SQLException {
    byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    String key = KEY_START + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    String prefix = key.substring(0, PREFIX_LENGTH);
    try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(Sql.INSERT_KEY.jdbc())) {
      s.setObject(Sql.INSERT_KEY.at("organization_id"), organizationId);
      s.setString(Sql.INSERT_KEY.at("key_prefix"), prefix);
      s.setString(Sql.INSERT_KEY.at("key_hash"), sha256(key));
      s.setString(Sql.INSERT_KEY.at("name"), name);
      s.setString(Sql.INSERT_KEY.at("scope"), scope.label());
      s.executeUpdate();
    }
    return new NewKey(key, prefix, organizationId.toString(), scope);
  }

  /** Revokes the active key with this prefix; false when there is none. */
  public boolean revoke(String prefix) throws SQLException {
    try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(Sql.REVOKE_KEY.jdbc())) {
      s.setString(Sql.REVOKE_KEY.at("key_prefix"), prefix);
      return s.executeUpdate() > 0;
    }
  }

  public List<StoredKey> list() throws SQLException {
    List<StoredKey> keys = new ArrayList<>();
    try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(Sql.LIST_KEYS.jdbc());
        ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        keys.add(new StoredKey(rows.getString(1), rows.getString(2), KeyScope.of(rows.getString(3)), rows.getString(4),
            rows.getTimestamp(5).toInstant(), instant(rows.getTimestamp(6))));
      }
    }
    return keys;
  }

  /** Lower-case hex SHA-256 of the key's UTF-8 bytes, as stored in {@code write_keys.key_hash}. */
  public static String sha256(String key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  /** The statements, from the .sql files next to this class. */
  private static final class Sql {
    static final NamedSql FIND_KEY = NamedSql.read(WriteKeys.class, "find_key.sql");
    static final NamedSql INSERT_KEY = NamedSql.read(WriteKeys.class, "insert_key.sql");
    static final NamedSql REVOKE_KEY = NamedSql.read(WriteKeys.class, "revoke_key.sql");
    static final NamedSql LIST_KEYS = NamedSql.read(WriteKeys.class, "list_keys.sql");
  }
}
