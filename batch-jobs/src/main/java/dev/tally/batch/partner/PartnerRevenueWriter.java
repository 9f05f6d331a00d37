package dev.tally.batch.partner;

import dev.tally.batch.store.SqlFile;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SimplePropertySqlParameterSource;

/**
 * Writes partner_revenue rows with their statement lines, in the chunk's PostgreSQL transaction. A
 * row that is no longer {@code calculated} is left alone, lines included (the upsert returns no id).
 */
public class PartnerRevenueWriter implements ItemWriter<List<PartnerRevenueLine>> {

  private final NamedParameterJdbcTemplate jdbc;
  private final String upsert = SqlFile.read(PartnerRevenueWriter.class, "partner-revenue-upsert.sql");
  private final String clearLines = SqlFile.read(PartnerRevenueWriter.class, "partner-revenue-lines-clear.sql");
  private final String insertLine = SqlFile.read(PartnerRevenueWriter.class, "partner-revenue-lines-insert.sql");

  public PartnerRevenueWriter(DataSource postgres) {
    this.jdbc = new NamedParameterJdbcTemplate(postgres);
  }

  @Override
  public void write(Chunk<? extends List<PartnerRevenueLine>> chunk) {
    for (List<PartnerRevenueLine> rows : chunk) {
      for (PartnerRevenueLine row : rows) {
        List<Object> ids = jdbc.queryForList(upsert, new SimplePropertySqlParameterSource(row), Object.class);
        if (ids.isEmpty()) {
          continue;
        }
        Object id = ids.get(0);
        jdbc.update(clearLines, Map.of("id", id));
        MapSqlParameterSource[] lines = row.lines().stream().map(l -> new MapSqlParameterSource()
            .addValue("id", id).addValue("kind", l.kind().label()).addValue("sourceStart", l.sourceStart())
            .addValue("sourceEnd", l.sourceEnd()).addValue("revenue", l.revenue()).addValue("rate", l.rate())
            .addValue("rateOverride", l.rateOverride()).addValue("commission", l.commission()))
            .toArray(MapSqlParameterSource[]::new);
        jdbc.batchUpdate(insertLine, lines);
      }
    }
  }
}
