package dev.tally.batch;

import com.zaxxer.hikari.HikariDataSource;
import dev.tally.batch.config.BatchSettings;
import dev.tally.batch.store.ClickHouse;
import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.db.DataSources;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The Spring Boot application of the nightly jobs: PostgreSQL (JobRepository and rollups, one
 * transaction per chunk together with the step's restart state) and ClickHouse (aggregation and
 * the analysts' copies). Connections come from {@link DataSources} only. Started by {@link TallyBatch}.
 */
@SpringBootApplication
public class BatchApplication {

  @Bean
  TallySettings tallySettings() {
    return TallySettings.load();
  }

  @Bean
  BatchSettings batchSettings(TallySettings settings) {
    return BatchSettings.from(settings);
  }

  @Bean
  @Primary
  DataSource postgres(TallySettings settings) {
    HikariDataSource pool = new HikariDataSource();
    pool.setDataSource(DataSources.postgres(settings));
    pool.setPoolName("tally-batch");
    pool.setMaximumPoolSize(6); // a run holds one for its lock; a step, a beat and a staging lock take others
    return pool;
  }

  @Bean
  @Primary
  PlatformTransactionManager transactionManager(DataSource postgres) {
    return new JdbcTransactionManager(postgres);
  }

  @Bean
  ClickHouse clickHouse(TallySettings settings) {
    return new ClickHouse(DataSources.clickhouseWriter(settings));
  }
}
