package dev.tally.batch.store;

import dev.tally.schemas.db.NamedSql;
import dev.tally.schemas.db.SqlResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The batch jobs' PostgreSQL advisory locks, one per key ({@code advisory-lock.sql}): a run of a job
 * and target ({@code JobTarget.lockKey}), the staging of a closed day, the publishing of a table.
 * Session-level: held until unlocked or until the session ends, so a crashed process never leaves
 * one behind. {@code period-lock.sql} takes the same lock of a run's key inside a transaction.
 */
public final class AdvisoryLock {

  private static final String LOCK = SqlResource.read(AdvisoryLock.class, "advisory-lock.sql");
  private static final NamedSql HELD = NamedSql.read(AdvisoryLock.class, "advisory-lock-held.sql");

  /** How a lock is held: alone, or beside other shared holders. */
  public enum Mode {
    EXCLUSIVE("pg_advisory_lock", "pg_advisory_unlock"),
    SHARED("pg_advisory_lock_shared", "pg_advisory_unlock_shared");

    private final NamedSql lock;
    private final NamedSql unlock;

    Mode(String lock, String unlock) {
      this.lock = NamedSql.parse(LOCK.replace("{function}", lock));
      this.unlock = NamedSql.parse(LOCK.replace("{function}", unlock));
    }
  }

  private static final NamedSql TRY_LOCK = NamedSql.parse(LOCK.replace("{function}", "pg_try_advisory_lock"));

  private AdvisoryLock() {}

  /**
   * Runs {@code body} holding the key's lock on a connection of its own, waiting for it; releases it after.
   *
   * @throws IllegalStateException when PostgreSQL cannot be asked for the lock
   */
  public static <T> T holding(DataSource postgres, String key, Mode mode, Supplier<T> body) {
    try (Connection c = postgres.getConnection()) {
      run(c, mode.lock, key);
      try {
        return body.get();
      } finally {
        run(c, mode.unlock, key);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot take the lock " + key + ": " + e.getMessage(), e);
    }
  }

  /** Takes the key's lock on {@code c} unless another session holds it; true when taken. */
  public static boolean tryLock(Connection c, String key) throws SQLException {
    return ask(c, TRY_LOCK, key);
  }

  public static void unlock(Connection c, String key) throws SQLException {
    run(c, Mode.EXCLUSIVE.unlock, key);
  }

  /** Whether the session of {@code c} holds the key's lock (it is lost when PostgreSQL restarted). */
  public static boolean holds(Connection c, String key) throws SQLException {
    return ask(c, HELD, key);
  }

  private static void run(Connection c, NamedSql sql, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
      ps.setString(sql.at("key"), key);
      ps.execute();
    }
  }

  private static boolean ask(Connection c, NamedSql sql, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
      ps.setString(sql.at("key"), key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }
}
