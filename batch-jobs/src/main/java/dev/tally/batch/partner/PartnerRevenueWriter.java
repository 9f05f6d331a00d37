package dev.tally.batch.partner;

import dev.tally.schemas.db.SqlResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SimplePropertySqlParameterSource;

/**
 * Writes partner_revenue rows with their statement lines, in the chunk's PostgreSQL transaction, a
 * fixed number of statements per chunk whatever its size: the upserts as one batch, one query for the
 * ids of the rows that are still {@code calculated}, one delete of their old lines and the new lines
 * as one batch. A row that is no longer {@code calculated} is left alone, lines included (the upsert's
 * condition skips it, and it is not among the ids).
 */
public class PartnerRevenueWriter implements ItemWriter<List<PartnerRevenueLine>> {

  private final NamedParameterJdbcTemplate jdbc;
  private final String upsert = SqlResource.read(PartnerRevenueWriter.class, "partner-revenue-upsert.sql");
  private final String ids = SqlResource.read(PartnerRevenueWriter.class, "partner-revenue-ids.sql");
  private final String clearLines = SqlResource.read(PartnerRevenueWriter.class, "partner-revenue-lines-clear.sql");
  private final String insertLine = SqlResource.read(PartnerRevenueWriter.class, "partner-revenue-lines-insert.sql");

  public PartnerRevenueWriter(DataSource postgres) {
    this.jdbc = new NamedParameterJdbcTemplate(postgres);
  }

  @Override
  public void write(Chunk<? extends List<PartnerRevenueLine>> chunk) {
    List<PartnerRevenueLine> rows = new ArrayList<>();
    chunk.forEach(rows::addAll);
    if (rows.isEmpty()) {
      return;
    }
    jdbc.batchUpdate(upsert, rows.stream().map(SimplePropertySqlParameterSource::new)
        .toArray(SimplePropertySqlParameterSource[]::new));
    PartnerRevenueLine first = rows.get(0);
    Set<UUID> partners = new TreeSet<>();
    rows.forEach(r -> partners.add(UUID.fromString(r.partnerId())));
    Map<String, UUID> idByKey = new HashMap<>();
    jdbc.query(ids, Map.of("period_type", first.periodType(), "period_start", first.periodStart(),
        "partner_ids", partners), rs -> {
          idByKey.put(key(rs.getString("partner_id"), rs.getString("shop_id"), rs.getString("currency")), rs.getObject("id", UUID.class));
        });
    List<UUID> written = new ArrayList<>();
    List<MapSqlParameterSource> lines = new ArrayList<>();
    for (PartnerRevenueLine row : rows) {
      UUID id = idByKey.get(key(row.partnerId(), row.shopId(), row.currency()));
      if (id == null) {
        continue;
      }
      written.add(id);
      row.lines().forEach(l -> lines.add(new MapSqlParameterSource()
          .addValue("id", id).addValue("kind", l.kind().label()).addValue("sourceStart", l.sourceStart())
          .addValue("sourceEnd", l.sourceEnd()).addValue("revenue", l.revenue()).addValue("rate", l.rate())
          .addValue("rateOverride", l.rateOverride()).addValue("commission", l.commission())));
    }
    if (!written.isEmpty()) {
      jdbc.update(clearLines, Map.of("ids", written));
      jdbc.batchUpdate(insertLine, lines.toArray(MapSqlParameterSource[]::new));
    }
  }

  private static String key(String partnerId, String shopId, String currency) {
    return partnerId + "/" + shopId + "/" + currency;
  }
}
