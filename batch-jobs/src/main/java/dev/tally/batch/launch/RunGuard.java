package dev.tally.batch.launch;

import dev.tally.batch.store.AdvisoryLock;
import dev.tally.schemas.db.NamedSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What keeps two runs of one job and target apart for the whole of a run, PostgreSQL restarts
 * included:
 * <ul>
 *   <li>a session-level advisory lock per job and target on a connection of its own: it dies with
 *       the process (kill -9 included), so a crashed run never blocks the next one;</li>
 *   <li>a heartbeat every {@link #BEAT} ({@code batch_run_heartbeats}) while the process runs, so a
 *       later run that holds the lock can tell a crashed run (no beat for {@link #SILENCE}) from a live
 *       one that lost its lock;</li>
 *   <li>each beat checks that the lock is still held. A PostgreSQL restart ends the lock's session
 *       and with it the lock: the guard takes it again on a new connection, and if another run holds
 *       it by then, it calls {@code onLost} (the job is stopped) rather than run beside that one.</li>
 * </ul>
 * Releasing the lock is best effort: once the run is done, a failing unlock (PostgreSQL gone) changes
 * nothing, as the lock dies with its session anyway.
 */
final class RunGuard implements AutoCloseable {

  static final Duration BEAT = Duration.ofSeconds(1);
  static final Duration SILENCE = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(RunGuard.class);

  private final DataSource postgres;
  private final String lockKey;
  private final String owner = UUID.randomUUID().toString();
  private final ScheduledExecutorService beats;
  private volatile Connection lock;
  private volatile Runnable onLost = () -> { };
  private volatile boolean lost;

  private RunGuard(DataSource postgres, String lockKey, Connection lock) {
    this.postgres = postgres;
    this.lockKey = lockKey;
    this.lock = lock;
    this.beats = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "run-guard " + lockKey);
      t.setDaemon(true);
      return t;
    });
  }

  /** The guard of a run of {@code lockKey}, beating; null when another run holds the lock. */
  static RunGuard acquire(DataSource postgres, String lockKey) throws SQLException {
    Connection c = postgres.getConnection();
    try {
      if (!AdvisoryLock.tryLock(c, lockKey)) {
        c.close();
        return null;
      }
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    RunGuard guard = new RunGuard(postgres, lockKey, c);
    guard.beat();
    guard.beats.scheduleWithFixedDelay(guard::beat, BEAT.toMillis(), BEAT.toMillis(), TimeUnit.MILLISECONDS);
    return guard;
  }

  /** What to do when the lock is lost to another run (stop the job); runs at most once. */
  void onLost(Runnable action) {
    this.onLost = action;
  }

  boolean lost() {
    return lost;
  }

  /**
   * Whether another run of the same key still beats: a run that lost its lock (PostgreSQL restarted)
   * while this one took it. Waits up to {@link #SILENCE} for a recent beat to go silent (a run killed
   * a moment ago), and answers true if it beats again meanwhile.
   */
  boolean anotherRunBeats() throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + SILENCE.toNanos() + BEAT.toNanos();
    Long first = null;
    while (true) {
      Long silentForMs = othersSilentForMs();
      if (silentForMs == null || silentForMs > SILENCE.toMillis()) {
        return false;
      }
      if (first != null && silentForMs < first) {
        return true; // it beat again
      }
      first = first == null ? silentForMs : first;
      if (System.nanoTime() > deadline) {
        return true;
      }
      Thread.sleep(BEAT.toMillis() / 2);
    }
  }

  /** Milliseconds since the latest beat of another run of the key, or null when there is none. */
  private Long othersSilentForMs() throws SQLException {
    try (Connection c = postgres.getConnection(); PreparedStatement ps = prepare(c, Sql.OTHERS_SILENT_FOR)) {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long ms = rs.getLong(1);
        return rs.wasNull() ? null : ms;
      }
    }
  }

  /** Checks the lock (unless lost already) and beats; beats go on after a loss until the run has stopped. */
  private void beat() {
    if (!lost) {
      try {
        if (!AdvisoryLock.holds(lock, lockKey)) {
          retake();
        }
      } catch (SQLException e) {
        try {
          retake();
        } catch (SQLException again) {
          LOG.warn("{}: cannot check or take the run's lock again ({}); will try at the next beat", lockKey,
              again.getMessage());
        }
      }
    }
    try (Connection c = postgres.getConnection(); PreparedStatement ps = prepare(c, Sql.BEAT)) {
      ps.executeUpdate();
    } catch (SQLException e) {
      LOG.warn("{}: heartbeat not written: {}", lockKey, e.getMessage());
    }
  }

  /** The lock's session is gone: take the lock on a new connection, or give the run up to the one that has it. */
  private void retake() throws SQLException {
    closeQuietly(lock);
    Connection c = postgres.getConnection();
    if (AdvisoryLock.tryLock(c, lockKey)) {
      lock = c;
      LOG.warn("{}: the run's lock was lost (PostgreSQL restarted?) and is held again", lockKey);
      return;
    }
    c.close();
    lost = true;
    LOG.error("{}: the run's lock was lost and another run holds it now: stopping this one", lockKey);
    onLost.run();
  }

  @Override
  public void close() {
    beats.shutdownNow();
    try (Connection c = postgres.getConnection(); PreparedStatement ps = prepare(c, Sql.FORGET_BEATS)) {
      ps.executeUpdate();
    } catch (SQLException e) {
      LOG.warn("{}: heartbeat not removed: {}", lockKey, e.getMessage());
    }
    if (!lost) {
      try {
        AdvisoryLock.unlock(lock, lockKey);
      } catch (SQLException e) {
        LOG.warn("{}: lock not released ({}); it goes with its session", lockKey, e.getMessage());
      }
    }
    closeQuietly(lock);
  }

  /** A statement of this run's heartbeats, its {@code :lock_key} and {@code :owner} set. */
  private PreparedStatement prepare(Connection c, NamedSql sql) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql.jdbc());
    ps.setString(sql.at("lock_key"), lockKey);
    ps.setString(sql.at("owner"), owner);
    return ps;
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // a connection whose session is gone
    }
  }

  /** The heartbeat statements, from the .sql files next to this class. */
  private static final class Sql {
    static final NamedSql BEAT = NamedSql.read(RunGuard.class, "beat.sql");
    static final NamedSql OTHERS_SILENT_FOR = NamedSql.read(RunGuard.class, "others-silent-for.sql");
    static final NamedSql FORGET_BEATS = NamedSql.read(RunGuard.class, "forget-beats.sql");
  }
}
