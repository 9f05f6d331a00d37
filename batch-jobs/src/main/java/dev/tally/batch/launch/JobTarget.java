package dev.tally.batch.launch;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * What one run of a job computes: its job name and the identifying parameters (a date, or a period
 * type and period). With a run number they make one Spring Batch job instance; a rerun of a date
 * whose last instance completed gets the next run number, a failed one is restarted.
 *
 * @param job the job name, never null
 * @param identity parameter name to value, in order, never null; e.g. {@code date=2026-11-20}
 */
public record JobTarget(String job, Map<String, String> identity) {

  public static final String RUN = "run";

  public JobTarget {
    identity = Map.copyOf(new LinkedHashMap<>(identity));
  }

  public static JobTarget ofDate(String job, java.time.LocalDate date) {
    return new JobTarget(job, Map.of("date", date.toString()));
  }

  /** How the target appears in progress lines and summaries, e.g. {@code 2026-11-20}. */
  public String label() {
    return identity.containsKey("date") ? identity.get("date")
        : identity.getOrDefault("period_type", "") + " " + identity.getOrDefault("period", "");
  }

  JobParameters parameters(long run) {
    JobParametersBuilder builder = new JobParametersBuilder();
    identity.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> builder.addString(e.getKey(), e.getValue(), true));
    builder.addLong(RUN, run, true);
    return builder.toJobParameters();
  }

  /** Key of the advisory lock that makes two runs of the same job and target exclusive. */
  public String lockKey() {
    return job + ":" + new java.util.TreeMap<>(identity);
  }
}
