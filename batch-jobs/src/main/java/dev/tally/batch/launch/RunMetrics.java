package dev.tally.batch.launch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * A command's runs in Prometheus text format, for node_exporter's textfile collector: one file per
 * job, {@code tally_batch_<job>.prom} in {@code TALLY_BATCH_METRICS_DIR}, replaced atomically by each
 * command (written beside, then renamed), so the collector never reads half a file. Per run (labels
 * {@code job} and {@code target}, the date or the period): {@code tally_batch_run_duration_seconds},
 * {@code tally_batch_rows_read_total}, {@code tally_batch_rows_written_total} (the sums over its
 * steps) and {@code tally_batch_run_outcome} (1, with label {@code outcome}); per job:
 * {@code tally_batch_exit_code} and {@code tally_batch_last_run_timestamp_seconds}. The file holds
 * the last command's runs only, so its series stay as few as one command's dates.
 */
public final class RunMetrics {

  private RunMetrics() {}

  /** The report as Prometheus text (Micrometer's Prometheus registry names and formats it). */
  public static String text(RunReport report, Instant finished) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    for (RunOutcome run : report.runs()) {
      Tags tags = Tags.of("job", run.job(), "target", run.target());
      Gauge.builder("tally.batch.run.duration", () -> run.durationMs() / 1000.0).baseUnit("seconds")
          .description("Wall time of the run").tags(tags).register(registry);
      Counter.builder("tally.batch.rows.read").description("Items the run's steps read").tags(tags).register(registry)
          .increment(run.steps().stream().mapToLong(RunOutcome.StepOutcome::read).sum());
      Counter.builder("tally.batch.rows.written").description("Items the run's steps wrote").tags(tags).register(registry)
          .increment(run.steps().stream().mapToLong(RunOutcome.StepOutcome::written).sum());
      Gauge.builder("tally.batch.run.outcome", () -> 1).description("1 for how the run ended")
          .tags(tags.and("outcome", run.status().name())).register(registry);
    }
    Tags job = Tags.of("job", report.job());
    Gauge.builder("tally.batch.exit.code", report::exitCode).description("Exit code of the job's last command")
        .tags(job).register(registry);
    Gauge.builder("tally.batch.last.run.timestamp", () -> finished.toEpochMilli() / 1000.0).baseUnit("seconds")
        .description("When the job's last command finished").tags(job).register(registry);
    return registry.scrape();
  }

  /** Writes {@link #text} to {@code folder}/tally_batch_JOB.prom, atomically; returns the file. */
  public static Path write(Path folder, RunReport report, Instant finished) {
    try {
      Files.createDirectories(folder);
      Path file = folder.resolve("tally_batch_" + report.job().replace('-', '_') + ".prom");
      Path partial = folder.resolve(file.getFileName() + ".partial");
      Files.writeString(partial, text(report, finished), StandardCharsets.UTF_8);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run metrics to " + folder, e);
    }
  }
}
