package dev.tally.ingest.auth;

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

/**
 * Write keys in PostgreSQL ({@code write_keys}): only the SHA-256 (hex) of a key is stored, with
 * its first characters as a prefix people can name it by. Lookups are cached for {@code cacheTtl}
 * (so a revocation takes at most that long to bite) and refreshed in the background before they
 * expire ({@link KeyLookupCache}); unknown keys are cached too, so guessing keys does not load the
 * database.
 */
public final class WriteKeys {

  /** A key just created; {@code key} is shown once and never stored. */
  public record NewKey(String key, String prefix, String organizationId) {}

  /** A stored key, without its secret. {@code name} and {@code revokedAt} may be null. */
  public record StoredKey(String prefix, String organizationId, String name, Instant createdAt, Instant revokedAt) {}

  public static final String KEY_START = "tk_";
  static final int PREFIX_LENGTH = 11;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final DataSource database;
  private final KeyLookupCache cache;

  public WriteKeys(DataSource database, Duration cacheTtl) {
    this.database = database;
    this.cache = new KeyLookupCache(this::findOrganization, cacheTtl, WriteKeys::refreshInBackground, System::nanoTime);
  }

  /**
   * The organization of an active key.
   *
   * @throws SQLException when PostgreSQL cannot be asked (the caller answers 503)
   */
  public Optional<String> organizationOf(String key) throws SQLException {
    return cache.organizationOf(sha256(key));
  }

  private Optional<String> findOrganization(String hash) throws SQLException {
    try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(Sql.FIND_ORGANIZATION.jdbc())) {
      s.setString(Sql.FIND_ORGANIZATION.at("key_hash"), hash);
      try (ResultSet rows = s.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
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

  /** Creates a key for an organization; {@code name} may be null. */
  public NewKey create(UUID organizationId, String name) throws SQLException {
    byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    String key = KEY_START + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    String prefix = key.substring(0, PREFIX_LENGTH);
    try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(Sql.INSERT_KEY.jdbc())) {
      s.setObject(Sql.INSERT_KEY.at("organization_id"), organizationId);
      s.setString(Sql.INSERT_KEY.at("key_prefix"), prefix);
      s.setString(Sql.INSERT_KEY.at("key_hash"), sha256(key));
      s.setString(Sql.INSERT_KEY.at("name"), name);
      s.executeUpdate();
    }
    return new NewKey(key, prefix, organizationId.toString());
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
        keys.add(new StoredKey(rows.getString(1), rows.getString(2), rows.getString(3),
            rows.getTimestamp(4).toInstant(), instant(rows.getTimestamp(5))));
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
    static final NamedSql FIND_ORGANIZATION = NamedSql.read(WriteKeys.class, "find_organization.sql");
    static final NamedSql INSERT_KEY = NamedSql.read(WriteKeys.class, "insert_key.sql");
    static final NamedSql REVOKE_KEY = NamedSql.read(WriteKeys.class, "revoke_key.sql");
    static final NamedSql LIST_KEYS = NamedSql.read(WriteKeys.class, "list_keys.sql");
  }
}
