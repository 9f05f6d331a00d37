package dev.tally.stream.config;

import dev.tally.schemas.config.InvalidSetting;
import dev.tally.schemas.config.Setting;
import dev.tally.schemas.config.TallySettings;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The stream jobs' settings in force, checked once when the job is built. Serializable, so the
 * same values reach every task (in a MiniCluster or on a remote TaskManager), where
 * {@link #tally()} gives the connection settings back.
 */
public final class StreamSettings implements Serializable {

  private static final long serialVersionUID = 1L;

  private final HashMap<String, String> variables;
  private transient TallySettings tally;

  private StreamSettings(Map<String, String> variables) {
    this.variables = new HashMap<>(variables);
    tally().validate(); // each value against its Setting's rule
    Duration shortest = allowedLateness().plusMinutes(1);
    if (dedupHorizon().compareTo(shortest) < 0) {
      throw new InvalidSetting(Setting.STREAM_DEDUP_HORIZON, "must be at least "
          + Setting.STREAM_ALLOWED_LATENESS_MINUTES.variable() + " plus one minute (" + shortest.toMinutes() + "m), was "
          + get(Setting.STREAM_DEDUP_HORIZON));
    }
  }

  /** Settings of this process (environment, then local.env, then defaults). */
  public static StreamSettings load() {
    return of(TallySettings.load());
  }

  public static StreamSettings of(TallySettings settings) {
    return new StreamSettings(settings.variables());
  }

  /** These settings with some values replaced (tests: their own topic, consumer group, folders). */
  public StreamSettings with(Map<Setting, String> overrides) {
    Map<String, String> changed = new HashMap<>(variables);
    overrides.forEach((setting, value) -> changed.put(setting.variable(), value));
    return new StreamSettings(changed);
  }

  public TallySettings tally() {
    if (tally == null) {
      tally = TallySettings.resolve(variables, Map.of());
    }
    return tally;
  }

  public String get(Setting setting) {
    return tally().get(setting);
  }

  public int parallelism() {
    return tally().getInt(Setting.STREAM_PARALLELISM);
  }

  /** Absolute folder of checkpoints; a relative setting is taken under the Tally home. */
  public Path checkpointDirectory() {
    Path dir = Path.of(get(Setting.STREAM_CHECKPOINT_DIR));
    if (dir.isAbsolute()) {
      return dir;
    }
    Path home = TallySettings.homeDirectory();
    return (home != null ? home : Path.of(".tally")).resolve(dir).toAbsolutePath();
  }

  public Duration checkpointInterval() {
    return Duration.ofSeconds(tally().getInt(Setting.STREAM_CHECKPOINT_SECONDS));
  }

  /** Flink's state backends this job offers. */
  public enum StateBackend {
    /** Keyed state on the heap, written whole at each checkpoint. */
    HASHMAP,
    /** Keyed state in RocksDB on local disk, checkpointed incrementally; ids deduplicated one by one. */
    ROCKSDB
  }

  public StateBackend stateBackend() {
    return StateBackend.valueOf(get(Setting.STREAM_STATE_BACKEND).toUpperCase(Locale.ROOT));
  }

  /** How far behind the watermark an event is still deduplicated and counted ({@code 90s}, {@code 6m}, {@code 1h}). */
  public Duration dedupHorizon() {
    return tally().getDuration(Setting.STREAM_DEDUP_HORIZON);
  }

  public Duration outOfOrderness() {
    return Duration.ofSeconds(tally().getInt(Setting.STREAM_OUT_OF_ORDERNESS_SECONDS));
  }

  public Duration idleness() {
    return Duration.ofSeconds(tally().getInt(Setting.STREAM_IDLENESS_SECONDS));
  }

  public Duration allowedLateness() {
    return Duration.ofMinutes(tally().getInt(Setting.STREAM_ALLOWED_LATENESS_MINUTES));
  }

  public Duration minuteUpdateInterval() {
    return Duration.ofMillis(tally().getInt(Setting.STREAM_MINUTE_UPDATE_MILLIS));
  }

  public Duration sessionGap() {
    return Duration.ofMinutes(tally().getInt(Setting.STREAM_SESSION_GAP_MINUTES));
  }

  public int loaderBatchRows() {
    return tally().getInt(Setting.STREAM_LOADER_BATCH_ROWS);
  }

  /** The port range of the job's Prometheus endpoints (TALLY_STREAM_METRICS_PORTS), e.g. 19249-19259. */
  public String metricsPorts() {
    return get(Setting.STREAM_METRICS_PORTS);
  }
}
