package dev.tally.batch.launch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Runs one job for one target with the scheduler's guarantees:
 * <ul>
 *   <li>a PostgreSQL advisory lock per job and target, held on its own connection for the whole run:
 *       a second run of the same job and date gets {@code ALREADY_RUNNING}; the lock dies with the
 *       process, so a run killed with {@code kill -9} never blocks the next one;</li>
 *   <li>holding the lock proves that an execution still marked as running is dead: it is recovered
 *       (marked failed) and restarted from its last committed chunk;</li>
 *   <li>a run left UNKNOWN (PostgreSQL lost while it wrote its state) is marked failed, see {@link #markFailed};</li>
 *   <li>a failed run is restarted (same job instance); a completed one is rerun as a new instance
 *       with the next run number, and every job replaces its date's output, so reruns are idempotent.</li>
 * </ul>
 */
@Component
public class JobRuns {

  private final JobOperator operator;
  private final JobRepository repository;
  private final DataSource postgres;

  public JobRuns(JobOperator operator, JobRepository repository, DataSource postgres) {
    this.operator = operator;
    this.repository = repository;
    this.postgres = postgres;
  }

  public RunOutcome run(Job job, JobTarget target) {
    long started = System.nanoTime();
    try (Connection lock = postgres.getConnection()) {
      if (!tryLock(lock, target)) {
        return new RunOutcome(target.job(), target.label(), RunOutcome.Status.ALREADY_RUNNING, null, 0, false,
            elapsedMs(started), List.of(), "another run of " + target.job() + " for " + target.label() + " holds its lock");
      }
      try {
        return launch(job, target, started);
      } finally {
        unlock(lock, target);
      }
    } catch (SQLException e) {
      return failed(target, started, "PostgreSQL: " + e.getMessage());
    }
  }

  private RunOutcome launch(Job job, JobTarget target, long started) {
    long run = 0;
    JobInstance last = null;
    for (JobInstance i; (i = repository.getJobInstance(target.job(), target.parameters(run + 1))) != null; ) {
      last = i;
      run++;
    }
    boolean restart = false;
    if (last == null) {
      run = 1;
    } else {
      JobExecution previous = repository.getLastJobExecution(last);
      if (previous != null && previous.getStatus().isRunning()) {
        operator.recover(previous); // we hold the lock, so its process is gone
        restart = true;
      } else if (previous != null && previous.getStatus() == BatchStatus.UNKNOWN) {
        markFailed(previous);
        restart = true;
      } else if (previous != null && previous.getStatus() != BatchStatus.COMPLETED
          && previous.getStatus() != BatchStatus.ABANDONED) {
        restart = true;
      } else {
        run++;
      }
    }
    try {
      JobExecution execution = operator.start(job, target.parameters(run));
      List<RunOutcome.StepOutcome> steps = execution.getStepExecutions().stream()
          .sorted(Comparator.comparing(s -> s.getId()))
          .map(s -> new RunOutcome.StepOutcome(s.getStepName(), s.getStatus().name(), s.getReadCount(), s.getWriteCount(),
              stepMs(s), s.getExitStatus().getExitDescription().isEmpty() || s.getStatus() != BatchStatus.COMPLETED ? null
                  : s.getExitStatus().getExitDescription()))
          .toList();
      boolean ok = execution.getStatus() == BatchStatus.COMPLETED;
      String message = ok ? null : execution.getAllFailureExceptions().stream()
          .map(t -> t.getClass().getSimpleName() + ": " + t.getMessage()).findFirst()
          .orElse(execution.getExitStatus().getExitDescription());
      return new RunOutcome(target.job(), target.label(), ok ? RunOutcome.Status.COMPLETED : RunOutcome.Status.FAILED,
          execution.getId(), run, restart, elapsedMs(started), steps, message);
    } catch (Exception e) {
      return failed(target, started, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /**
   * An execution Spring Batch could not record the end of (UNKNOWN: PostgreSQL went away while a chunk
   * rolled back or a status was written) is marked failed so the same command restarts it
   * ({@code JobOperator.recover}, used above for runs left STARTED, refuses UNKNOWN ones). That is
   * safe here: a chunk's rows commit in PostgreSQL together with its step's restart state, and every
   * other step replaces whole dates, so the restart repeats nothing that was committed.
   */
  private void markFailed(JobExecution unknown) {
    for (StepExecution step : unknown.getStepExecutions()) {
      if (step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning()) {
        step.setStatus(BatchStatus.FAILED);
        step.setExitStatus(ExitStatus.FAILED.addExitDescription("was UNKNOWN; marked failed to restart"));
        repository.update(step);
      }
    }
    unknown.setStatus(BatchStatus.FAILED);
    unknown.setExitStatus(ExitStatus.FAILED.addExitDescription("was UNKNOWN; marked failed to restart"));
    repository.update(unknown);
  }

  private static RunOutcome failed(JobTarget target, long started, String message) {
    return new RunOutcome(target.job(), target.label(), RunOutcome.Status.FAILED, null, 0, false, elapsedMs(started),
        List.of(), message);
  }

  private static boolean tryLock(Connection c, JobTarget target) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(hashtext('tally-batch'), hashtext(?))")) {
      ps.setString(1, target.lockKey());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static void unlock(Connection c, JobTarget target) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(hashtext('tally-batch'), hashtext(?))")) {
      ps.setString(1, target.lockKey());
      ps.execute();
    }
  }

  /** How long the step ran in this execution, 0 when it has no start or end (it did not run). */
  private static long stepMs(StepExecution s) {
    return s.getStartTime() == null || s.getEndTime() == null ? 0
        : Duration.between(s.getStartTime(), s.getEndTime()).toMillis();
  }

  private static long elapsedMs(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
