package dev.tally.batch.statement;

import dev.tally.batch.partner.CommissionCalculator;
import dev.tally.batch.partner.PartnerRevenueJob;
import dev.tally.batch.partner.RevenuePeriod;
import dev.tally.batch.partner.StatementLine;
import dev.tally.schemas.db.SqlResource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Reads partners' statements for a period from PostgreSQL (partner_revenue, its lines and audit). */
public final class PartnerStatements {

  private final NamedParameterJdbcTemplate jdbc;
  private final ZoneId zone;

  public PartnerStatements(DataSource postgres, ZoneId zone) {
    this.jdbc = new NamedParameterJdbcTemplate(postgres);
    this.zone = zone;
  }

  /**
   * The statements of every partner with rows in the period, or of the one partner asked for
   * (empty when that partner does not exist).
   *
   * @param partnerId a partner id, or null for all
   */
  public List<PartnerStatement> load(RevenuePeriod period, String partnerId) {
    Map<String, Object> p = new HashMap<>(PartnerRevenueJob.parameters(period));
    p.put("partner_id", partnerId);
    List<PartnerStatement.Partner> partners = jdbc.query(sql("statement-partners.sql"), p, (rs, n) ->
        new PartnerStatement.Partner(rs.getString("id"), rs.getString("name"), rs.getString("type"),
            rs.getString("contact_email"), rs.getString("contact_phone"), rs.getString("payment_terms"),
            rs.getTimestamp("deleted_at") == null ? null : rs.getTimestamp("deleted_at").toInstant()));
    List<PartnerStatement> statements = new ArrayList<>();
    for (PartnerStatement.Partner partner : partners) {
      statements.add(load(period, partner));
    }
    return statements;
  }

  private PartnerStatement load(RevenuePeriod period, PartnerStatement.Partner partner) {
    Map<String, Object> p = new HashMap<>(PartnerRevenueJob.parameters(period));
    p.put("partner_id", partner.id());
    Map<String, SectionBuilder> sections = new LinkedHashMap<>();
    TreeSet<StatementStatus> statuses = new TreeSet<>();
    String[] payment = new String[1];
    LocalDate[] paidOn = new LocalDate[1];
    jdbc.query(sql("statement-rows.sql"), p, rs -> {
      String key = rs.getString("shop_id") + "|" + rs.getString("currency");
      SectionBuilder s = sections.get(key);
      if (s == null) {
        s = new SectionBuilder(rs.getString("shop_id"), rs.getString("currency"), rs.getBigDecimal("revenue_amount"),
            rs.getBigDecimal("commission_amount"), rs.getBigDecimal("commission_rate"), rs.getBoolean("rate_override"));
        sections.put(key, s);
        statuses.add(StatementStatus.of(rs.getString("status")));
        if (rs.getString("payment_reference") != null) {
          payment[0] = rs.getString("payment_reference");
        }
        if (rs.getTimestamp("paid_at") != null) {
          paidOn[0] = rs.getTimestamp("paid_at").toInstant().atZone(zone).toLocalDate();
        }
      }
      if (rs.getString("kind") != null) {
        s.lines.add(new StatementLine(StatementLine.Kind.of(rs.getString("kind")),
            rs.getDate("source_period_start").toLocalDate(), rs.getDate("source_period_end").toLocalDate(),
            scaled(rs.getBigDecimal("line_revenue"), s.currency), rs.getBigDecimal("line_rate"),
            rs.getBoolean("line_override"), scaled(rs.getBigDecimal("line_commission"), s.currency)));
      }
    });
    List<PartnerStatement.Section> built = sections.values().stream().map(s -> s.build(period)).toList();
    List<PartnerStatement.Transition> history = jdbc.query(sql("statement-history.sql"), p, (rs, n) ->
        new PartnerStatement.Transition(rs.getTimestamp("at").toInstant(), rs.getString("actor"),
            rs.getString("from_status"), rs.getString("to_status"), rs.getString("reason"),
            rs.getString("payment_reference")));
    List<String> notes = new ArrayList<>();
    if (statuses.size() > 1) {
      notes.add("rows in several statuses: " + statuses.stream().map(StatementStatus::label).collect(Collectors.joining(", ")));
    }
    jdbc.query(sql("overlapping-approved.sql"), p, rs -> {
      RevenuePeriod other = RevenuePeriod.of(RevenuePeriod.Type.valueOf(rs.getString("period_type").toUpperCase(Locale.ROOT)),
          rs.getDate("period_start").toLocalDate());
      notes.add("The " + other.type().label() + " statement " + other.label() + " (" + rs.getString("status")
          + ") covers part of this period: do not pay the same revenue twice.");
    });
    if (partner.deletedAt() != null) {
      notes.add("Partner deleted at " + partner.deletedAt() + ": nothing earned after that instant.");
    }
    return new PartnerStatement(partner, period, statuses.isEmpty() ? null : statuses.first(), payment[0], paidOn[0],
        built, history, notes);
  }

  private static BigDecimal scaled(BigDecimal amount, String currency) {
    return amount.setScale(CommissionCalculator.minorDigits(currency),
        RoundingMode.UNNECESSARY);
  }

  private static String sql(String name) {
    return SqlResource.read(PartnerStatements.class, name);
  }

  /** Collects one row's lines; a row written before lines existed gets one revenue line of its amounts. */
  private static final class SectionBuilder {
    final String shopId;
    final String currency;
    final BigDecimal revenue;
    final BigDecimal commission;
    final BigDecimal rate;
    final boolean override;
    final List<StatementLine> lines = new ArrayList<>();

    SectionBuilder(String shopId, String currency, BigDecimal revenue, BigDecimal commission,
        BigDecimal rate, boolean override) {
      this.shopId = shopId;
      this.currency = currency;
      this.revenue = scaled(revenue, currency);
      this.commission = scaled(commission, currency);
      this.rate = rate;
      this.override = override;
    }

    PartnerStatement.Section build(RevenuePeriod period) {
      List<StatementLine> all = lines.isEmpty()
          ? List.of(new StatementLine(StatementLine.Kind.REVENUE, period.start(), period.end(), revenue, rate, override,
              commission))
          : List.copyOf(lines);
      return new PartnerStatement.Section(shopId, currency, revenue, commission, rate, override, all);
    }
  }
}
