package dev.tally.batch.partner;

import dev.tally.schemas.db.SqlResource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Partners and shop links in PostgreSQL: imports (all rows in one transaction) and listings. */
public final class PartnerDirectory {

  /** What an import did. */
  public record Imported(int added, int updated) {}

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate transactions;

  public PartnerDirectory(DataSource postgres) {
    this.jdbc = new NamedParameterJdbcTemplate(postgres);
    this.transactions = new TransactionTemplate(new JdbcTransactionManager(postgres));
  }

  public Set<UUID> partnerIds() {
    return new HashSet<>(jdbc.queryForList(sql("partner-ids.sql"), Map.of(), UUID.class));
  }

  public Imported importPartners(List<PartnerCsv.PartnerRecord> partners) {
    return transactions.execute(status -> {
      int added = 0;
      for (PartnerCsv.PartnerRecord p : partners) {
        MapSqlParameterSource params = new MapSqlParameterSource()
            .addValue("id", p.id() == null ? null : p.id().toString()).addValue("name", p.name())
            .addValue("type", p.type()).addValue("contactEmail", p.contactEmail())
            .addValue("contactPhone", p.contactPhone()).addValue("commissionRate", p.commissionRate())
            .addValue("paymentTerms", p.paymentTerms()).addValue("settings", p.settings())
            .addValue("status", p.status()).addValue("createdAt", timestamp(p.createdAt()))
            .addValue("deletedAt", timestamp(p.deletedAt()));
        added += Boolean.TRUE.equals(jdbc.queryForObject(sql("partner-upsert.sql"), params, Boolean.class)) ? 1 : 0;
      }
      return new Imported(added, partners.size() - added);
    });
  }

  public Imported importLinks(List<PartnerCsv.LinkRecord> links) {
    return transactions.execute(status -> {
      int added = 0;
      for (PartnerCsv.LinkRecord l : links) {
        MapSqlParameterSource params = new MapSqlParameterSource()
            .addValue("shopId", l.shopId().toString()).addValue("partnerId", l.partnerId().toString())
            .addValue("referralCode", l.referralCode()).addValue("customCommissionRate", l.customCommissionRate())
            .addValue("status", l.status()).addValue("referredAt", timestamp(l.referredAt()))
            .addValue("activatedAt", timestamp(l.activatedAt()));
        added += Boolean.TRUE.equals(jdbc.queryForObject(sql("link-upsert.sql"), params, Boolean.class)) ? 1 : 0;
      }
      return new Imported(added, links.size() - added);
    });
  }

  public List<Map<String, Object>> partners() {
    return jdbc.query(sql("partners-list.sql"), Map.of(), new ColumnMapRowMapper());
  }

  /** @param partnerId null for every partner's links */
  public List<Map<String, Object>> links(UUID partnerId) {
    Map<String, Object> params = new HashMap<>();
    params.put("partner_id", partnerId == null ? null : partnerId.toString());
    return jdbc.query(sql("links-list.sql"), params, new ColumnMapRowMapper());
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static String sql(String name) {
    return SqlResource.read(PartnerDirectory.class, name);
  }
}
