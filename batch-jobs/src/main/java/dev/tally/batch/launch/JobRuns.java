package dev.tally.batch.launch;

import dev.tally.batch.Refused;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one job for one target with the scheduler's guarantees:
 * <ul>
 *   <li>a {@link RunGuard} per job and target for the whole run (a PostgreSQL advisory lock and a
 *       heartbeat): a second run of the same job and date gets {@code ALREADY_RUNNING}; the lock dies
 *       with the process, so a run killed with {@code kill -9} never blocks the next one;</li>
 *   <li>holding the lock while an execution still marked as running no longer beats proves that it
 *       is dead: it is recovered (marked failed) and restarted from its last committed chunk. One
 *       that still beats lost its lock (PostgreSQL restarted): this run gets {@code ALREADY_RUNNING},
 *       and that one, finding its lock taken, stops;</li>
 *   <li>a run left UNKNOWN (PostgreSQL lost while it wrote its state) is marked failed, see {@link #markFailed};</li>
 *   <li>a failed run is restarted (same job instance); a completed one is rerun as a new instance
 *       with the next run number, and every job replaces its date's output, so reruns are idempotent;</li>
 *   <li>a step that throws {@link Refused} (the data's state does not allow the run) ends it as
 *       {@code REFUSED}, exit code 2, with its message.</li>
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
    RunGuard guard;
    try {
      guard = RunGuard.acquire(postgres, target.lockKey());
    } catch (SQLException e) {
      return failed(target, started, "PostgreSQL: " + e.getMessage());
    }
    if (guard == null) {
      return alreadyRunning(target, started, "another run of " + target.job() + " for " + target.label() + " holds its lock");
    }
    try (guard) {
      return launch(job, target, started, guard);
    }
  }

  private RunOutcome launch(Job job, JobTarget target, long started, RunGuard guard) {
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
        try {
          if (guard.anotherRunBeats()) {
            return alreadyRunning(target, started, "execution " + previous.getId() + " of " + target.job() + " for "
                + target.label() + " is still running (it lost its lock, PostgreSQL restarted?, and stops by itself)");
          }
        } catch (SQLException | InterruptedException e) {
          return failed(target, started, "cannot tell whether execution " + previous.getId() + " still runs: " + e.getMessage());
        }
        operator.recover(previous); // we hold the lock and it no longer beats, so its process is gone
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
    long thisRun = run;
    guard.onLost(() -> {
      try {
        JobExecution running = repository.getLastJobExecution(target.job(), target.parameters(thisRun));
        if (running != null && running.isRunning()) {
          operator.stop(running);
        }
      } catch (Exception e) {
        LoggerFactory.getLogger(JobRuns.class).error("cannot stop {} {}: {}", target.job(), target.label(), e.getMessage());
      }
    });
    try {
      JobExecution execution = operator.start(job, target.parameters(run));
      List<RunOutcome.StepOutcome> steps = execution.getStepExecutions().stream()
          .sorted(Comparator.comparing(s -> s.getId()))
          .map(s -> new RunOutcome.StepOutcome(s.getStepName(), s.getStatus().name(), s.getReadCount(), s.getWriteCount(),
              stepMs(s), s.getExitStatus().getExitDescription().isEmpty() || s.getStatus() != BatchStatus.COMPLETED ? null
                  : s.getExitStatus().getExitDescription()))
          .toList();
      boolean ok = execution.getStatus() == BatchStatus.COMPLETED;
      Optional<Throwable> refused = execution.getAllFailureExceptions().stream().map(JobRuns::refusal)
          .filter(java.util.Objects::nonNull).findFirst();
      String message = ok ? null : guard.lost() ? "stopped: its lock was lost and another run of " + target.job() + " for "
          + target.label() + " took it" : refused.map(Throwable::getMessage).orElseGet(() -> execution.getAllFailureExceptions()
          .stream().map(t -> t.getClass().getSimpleName() + ": " + t.getMessage()).findFirst()
          .orElse(execution.getExitStatus().getExitDescription()));
      RunOutcome.Status status = ok ? RunOutcome.Status.COMPLETED
          : refused.isPresent() ? RunOutcome.Status.REFUSED : RunOutcome.Status.FAILED;
      return new RunOutcome(target.job(), target.label(), status, execution.getId(), run, restart, elapsedMs(started),
          steps, message);
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

  /** The {@link Refused} behind a step's failure, or null. */
  private static Throwable refusal(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof Refused) {
        return t;
      }
    }
    return null;
  }

  private static RunOutcome failed(JobTarget target, long started, String message) {
    return new RunOutcome(target.job(), target.label(), RunOutcome.Status.FAILED, null, 0, false, elapsedMs(started),
        List.of(), message);
  }

  private static RunOutcome alreadyRunning(JobTarget target, long started, String message) {
    return new RunOutcome(target.job(), target.label(), RunOutcome.Status.ALREADY_RUNNING, null, 0, false,
        elapsedMs(started), List.of(), message);
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
