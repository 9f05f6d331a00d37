package dev.tally.batch.store;

import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SimplePropertySqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The building blocks every job is wired from: tasklet and chunk steps in PostgreSQL transactions
 * (a chunk's rows and the step's restart state commit together), a PostgreSQL delete of one date's
 * rows, upserts with named parameters, and the publishing of a date's loaded rows in PostgreSQL and
 * ClickHouse.
 */
@Component
public class JobSteps {

  /** Rows per chunk (one PostgreSQL transaction). */
  public static final int CHUNK = 500;

  private final JobRepository repository;
  private final PlatformTransactionManager transactions;
  private final DataSource postgres;
  private final ClickHouse clickHouse;
  private final ClosedDays closedDays;

  public JobSteps(JobRepository repository, PlatformTransactionManager transactions, DataSource postgres,
      ClickHouse clickHouse, ClosedDays closedDays) {
    this.repository = repository;
    this.transactions = transactions;
    this.postgres = postgres;
    this.clickHouse = clickHouse;
    this.closedDays = closedDays;
  }

  /** A step that makes sure the job's date has its duplicate corrections staged ({@link ClosedDays}). */
  public Step closedDay(String name) {
    return tasklet(name, (contribution, context) -> {
      LocalDate date = LocalDate.parse((String) context.getStepContext().getJobParameters().get("date"));
      contribution.setExitStatus(new ExitStatus(ExitStatus.COMPLETED.getExitCode(),
          closedDays.ensure(date) ? "deduplicated " + date : date + " was already deduplicated from the same raw rows"));
      return RepeatStatus.FINISHED;
    });
  }

  /** {@code date} of the job parameters as a LocalDate (ClickHouse gets it as text). */
  public static Map<String, Object> dateParameter(Map<String, Object> jobParameters) {
    return Map.of("date", LocalDate.parse((String) jobParameters.get("date")));
  }

  public JobRepository repository() {
    return repository;
  }

  public Step tasklet(String name, Tasklet tasklet) {
    return new StepBuilder(name, repository).tasklet(tasklet, transactions).build();
  }

  public <I, O> Step chunk(String name, ItemReader<I> reader, ItemProcessor<I, O> processor, ItemWriter<O> writer) {
    return new StepBuilder(name, repository).<I, O>chunk(CHUNK).transactionManager(transactions)
        .reader(reader).processor(processor).writer(writer).build();
  }

  public <T> Step chunk(String name, ItemReader<T> reader, ItemWriter<T> writer) {
    return new StepBuilder(name, repository).<T, T>chunk(CHUNK).transactionManager(transactions)
        .reader(reader).writer(writer).build();
  }

  /** A step that runs {@code sql} (named parameters from {@code params} of the job parameters) in PostgreSQL. */
  public Step postgres(String name, String sql, Function<Map<String, Object>, Map<String, Object>> params) {
    return tasklet(name, (contribution, context) -> {
      int rows = new NamedParameterJdbcTemplate(postgres).update(sql, params.apply(context.getStepContext().getJobParameters()));
      contribution.incrementWriteCount(rows);
      return RepeatStatus.FINISHED;
    });
  }

  /** A step that copies the rows of one date from PostgreSQL to ClickHouse. */
  public Step mirror(String name, ClickHouseMirror mirror) {
    return tasklet(name, mirror.tasklet(postgres, clickHouse));
  }

  /**
   * A step that publishes the rows of one date that the steps before it loaded into
   * {@code <table>_load}: in the step's PostgreSQL transaction the published rows that {@code where}
   * selects are replaced by the loaded ones (readers see the old date or the new one, never none or
   * some), then the ClickHouse copy is replaced the same way ({@link ClickHouseMirror}, whose
   * parameters {@code where} takes too). Repeatable: the loaded rows stay until the next run of the
   * date clears them.
   */
  public Step publish(String name, String table, String where, ClickHouseMirror mirror) {
    return tasklet(name, (contribution, context) -> {
      Map<String, Object> p = mirror.params().apply(context.getStepContext().getJobParameters());
      NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(postgres);
      jdbc.update("DELETE FROM " + table + " WHERE " + where, p);
      jdbc.update("INSERT INTO " + table + " SELECT * FROM " + table + "_load WHERE " + where, p);
      contribution.incrementWriteCount(mirror.copy(postgres, clickHouse, p));
      return RepeatStatus.FINISHED;
    });
  }

  /** A PostgreSQL writer of records whose component names are the statement's named parameters. */
  public <T> JdbcBatchItemWriter<T> upsert(String sql) {
    return upsert(sql, true);
  }

  /**
   * As {@link #upsert(String)}; {@code assertUpdates} false for conditional upserts that may leave
   * a row alone ({@code ON CONFLICT ... DO UPDATE ... WHERE}).
   */
  public <T> JdbcBatchItemWriter<T> upsert(String sql, boolean assertUpdates) {
    JdbcBatchItemWriter<T> writer = new JdbcBatchItemWriterBuilder<T>().dataSource(postgres).sql(sql)
        .itemSqlParameterSourceProvider(SimplePropertySqlParameterSource::new).assertUpdates(assertUpdates).build();
    writer.afterPropertiesSet();
    return writer;
  }
}
