package dev.tally.stream.flink;

/**
 * The names of Tally's own metrics in the stream job, declared once, in Prometheus' conventions
 * (snake case, the unit in the name, {@code _total} for counts that only grow). Flink adds each
 * operator's scope: through its Prometheus reporter a counter of the deduplication operator is
 * {@code flink_taskmanager_job_task_operator_events_deduplicated_total}, labelled with the job,
 * task, operator and subtask. (Flink's reporter exposes counters as the gauge type, since a Flink
 * counter may go down; Tally's never do.)
 */
public final class StreamMetrics {

  /** Events decoded from the topic (source). */
  public static final String EVENTS_IN = "events_in_total";
  /** Topic messages that are not events of the schema, skipped (source). */
  public static final String EVENTS_UNDECODABLE = "events_undecodable_total";
  /** Copies of an event already seen within the deduplication horizon, dropped. */
  public static final String EVENTS_DEDUPLICATED = "events_deduplicated_total";
  /** Events too late for deduplication or their minute, sent to the late topic. */
  public static final String EVENTS_TOO_LATE = "events_too_late_total";
  /** Events too late for their visitor's session (counted in the minutes all the same). */
  public static final String EVENTS_TOO_LATE_FOR_SESSIONS = "events_too_late_for_sessions_total";
  /** Late events a closed minute still took (within the allowed lateness). */
  public static final String EVENTS_LATE_WITHIN_LATENESS = "events_late_within_lateness_total";
  /** Events written to ClickHouse {@code events} by the loader. */
  public static final String EVENTS_LOADED = "events_loaded_total";
  /** Batches a sink wrote (the loader's inserts, the metrics sinks' statements). */
  public static final String SINK_BATCHES = "sink_batches_total";
  /** Attempts of a batch that failed (each retry counts). */
  public static final String SINK_BATCH_FAILURES = "sink_batch_failures_total";
  /** Rows a metrics sink wrote. */
  public static final String SINK_ROWS_WRITTEN = "sink_rows_written_total";
  /** Rows a store refused, sent to the dead-letter topic with the reason. */
  public static final String SINK_ROWS_DEAD_LETTERED = "sink_rows_dead_lettered_total";
  /** How far the minutes' event-time watermark is behind the clock, in seconds. */
  public static final String WATERMARK_LAG = "watermark_lag_seconds";

  private StreamMetrics() {}
}
