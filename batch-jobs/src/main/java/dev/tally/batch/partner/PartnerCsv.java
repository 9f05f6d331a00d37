package dev.tally.batch.partner;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import dev.tally.batch.csv.CsvCells;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Partners and shop links as CSV with the seed's columns (seed 000: {@code partners},
 * {@code shop_partners}), read with the seed's constraints; every broken rule is reported with its
 * row and column, and a file with any error imports nothing. The same columns are written by
 * {@code list}, so a listing can be edited and imported again: its text cells are neutralized for
 * spreadsheets ({@link CsvCells}) and read back as they were.
 */
public final class PartnerCsv {

  public static final List<String> PARTNER_COLUMNS = List.of("id", "name", "type", "contact_email", "contact_phone",
      "commission_rate", "payment_terms", "settings", "status", "created_at", "updated_at", "deleted_at");
  public static final List<String> LINK_COLUMNS = List.of("id", "shop_id", "partner_id", "referral_code",
      "custom_commission_rate", "status", "referred_at", "activated_at");
  static final Set<String> PARTNER_TYPES = Set.of("reseller", "affiliate", "integration", "oemtools");

  /**
   * A partner to import.
   *
   * @param id null for a new partner (an id is generated)
   * @param commissionRate never null (seed default 0.0000)
   * @param createdAt null for now
   * @param deletedAt null unless deleted
   */
  public record PartnerRecord(UUID id, String name, String type, String contactEmail, String contactPhone,
      BigDecimal commissionRate, String paymentTerms, String settings, String status, Instant createdAt,
      Instant deletedAt) {}

  /**
   * A shop-partner link to import; (shop, partner) is its key.
   *
   * @param customCommissionRate null to use the partner's rate
   * @param activatedAt null while the link is not active yet (it earns nothing)
   */
  public record LinkRecord(UUID shopId, UUID partnerId, String referralCode, BigDecimal customCommissionRate,
      String status, Instant referredAt, Instant activatedAt) {}

  /** The rows read and the errors found; rows are only to be used when there are no errors. */
  public record Parsed<T>(List<T> rows, List<String> errors) {}

  private PartnerCsv() {}

  public static Parsed<PartnerRecord> partners(String file, Reader in, ZoneId zone) throws IOException {
    Set<UUID> ids = new HashSet<>();
    return read(file, in, zone, PARTNER_COLUMNS, List.of("name", "type"), row -> {
      UUID id = row.uuid("id", false);
      if (id != null && !ids.add(id)) {
        row.error("id", id + " appears more than once in the file");
      }
      String name = row.text("name", 255, true);
      String type = row.oneOf("type", PARTNER_TYPES, true);
      String email = row.email("contact_email");
      String phone = row.text("contact_phone", 20, false);
      BigDecimal rate = row.rate("commission_rate");
      String terms = row.text("payment_terms", 50, false);
      String settings = row.jsonObject("settings");
      String status = row.text("status", 20, false);
      Instant created = row.instant("created_at");
      row.instant("updated_at"); // checked; the import sets updated_at itself
      Instant deleted = row.instant("deleted_at");
      return new PartnerRecord(id, name, type, email, phone, rate == null ? new BigDecimal("0.0000") : rate,
          terms == null ? "net_30" : terms, settings, status == null ? "active" : status, created, deleted);
    });
  }

  /** @param knownPartners ids of the partners that exist; a link to any other is an error */
  public static Parsed<LinkRecord> links(String file, Reader in, ZoneId zone, Set<UUID> knownPartners) throws IOException {
    Set<String> keys = new HashSet<>();
    return read(file, in, zone, LINK_COLUMNS, List.of("shop_id", "partner_id"), row -> {
      row.uuid("id", false);
      UUID shop = row.uuid("shop_id", true);
      UUID partner = row.uuid("partner_id", true);
      if (partner != null && !knownPartners.contains(partner)) {
        row.error("partner_id", "no partner " + partner + " (import partners first)");
      }
      if (shop != null && partner != null && !keys.add(shop + "|" + partner)) {
        row.error("shop_id", "the link of shop " + shop + " and partner " + partner + " appears more than once");
      }
      String code = row.text("referral_code", 50, false);
      BigDecimal rate = row.rate("custom_commission_rate");
      String status = row.text("status", 20, false);
      Instant referred = row.instant("referred_at");
      Instant activated = row.instant("activated_at");
      return new LinkRecord(shop, partner, code, rate, status == null ? "active" : status, referred, activated);
    });
  }

  /** Writes rows in the import format: a header, then one record per row (values in column order). */
  public static void write(List<String> columns, List<Map<String, Object>> rows, Appendable out) throws IOException {
    // not closed: out may be the command's stdout
    CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(columns.toArray(String[]::new)).get());
    for (Map<String, Object> row : rows) {
      List<Object> values = new ArrayList<>();
      for (String column : columns) {
        Object v = row.get(column);
        values.add(CsvCells.text(v instanceof java.sql.Timestamp t ? t.toInstant() : v));
      }
      csv.printRecord(values);
    }
    csv.flush();
  }

  private static <T> Parsed<T> read(String file, Reader in, ZoneId zone, List<String> columns, List<String> required,
      Function<CsvRow, T> reader) throws IOException {
    List<String> errors = new ArrayList<>();
    List<T> rows = new ArrayList<>();
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
        .setTrim(true).get();
    try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
      List<String> header = parser.getHeaderNames();
      for (String column : header) {
        if (!columns.contains(column)) {
          errors.add(file + ": header, column " + column + ": not one of the known columns " + columns);
        }
      }
      for (String column : required) {
        if (!header.contains(column)) {
          errors.add(file + ": header: the required column " + column + " is missing");
        }
      }
      if (!errors.isEmpty()) {
        return new Parsed<>(List.of(), errors);
      }
      for (CSVRecord record : parser) {
        if (!record.isConsistent()) {
          errors.add(file + ": row " + record.getRecordNumber() + " (line " + (record.getRecordNumber() + 1) + "): has "
              + record.size() + " values, the header has " + header.size());
          continue;
        }
        rows.add(reader.apply(new CsvRow(file, record, zone, errors)));
      }
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      errors.add(file + ": not a readable CSV file: " + e.getMessage());
    }
    if (rows.isEmpty() && errors.isEmpty()) {
      errors.add(file + ": no rows to import");
    }
    return new Parsed<>(rows, errors);
  }
}
