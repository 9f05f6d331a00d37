package dev.tally.batch.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PartnerCsvTest {

  static final ZoneId UTC = ZoneId.of("UTC");
  static final UUID KNOWN = UUID.fromString("50000000-0000-0000-0000-000000000001");

  static PartnerCsv.Parsed<PartnerCsv.PartnerRecord> partners(String csv) throws IOException {
    return PartnerCsv.partners("partners.csv", new StringReader(csv), UTC);
  }

  static PartnerCsv.Parsed<PartnerCsv.LinkRecord> links(String csv) throws IOException {
    return PartnerCsv.links("links.csv", new StringReader(csv), UTC, Set.of(KNOWN));
  }

  @Test
  void partnersWithTheSeedsColumnsAndDefaults() throws IOException {
    PartnerCsv.Parsed<PartnerCsv.PartnerRecord> parsed = partners("""
        id,name,type,contact_email,contact_phone,commission_rate,payment_terms,settings,status,deleted_at
        50000000-0000-0000-0000-000000000001,Acme,reseller,a@acme.example,+1 555 0100,0.15,net_15,"{""tier"": 2}",active,2026-10-20T12:00:00Z
        ,"Beta, Inc.",affiliate,,,,,,,
        """);

    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.rows()).containsExactly(
        new PartnerCsv.PartnerRecord(KNOWN, "Acme", "reseller", "a@acme.example", "+1 555 0100", new BigDecimal("0.1500"),
            "net_15", "{\"tier\":2}", "active", null, Instant.parse("2026-10-20T12:00:00Z")),
        new PartnerCsv.PartnerRecord(null, "Beta, Inc.", "affiliate", null, null, new BigDecimal("0.0000"), "net_30",
            "{}", "active", null, null));
  }

  @Test
  void everyBrokenRuleNamesItsRowAndColumn() throws IOException {
    PartnerCsv.Parsed<PartnerCsv.PartnerRecord> parsed = partners("""
        id,name,type,contact_email,commission_rate,settings,deleted_at
        not-a-uuid,,seller,nope,1.5,[1],yesterday
        50000000-0000-0000-0000-000000000001,Ok,reseller,,0.12345,,2026-10-01
        50000000-0000-0000-0000-000000000001,Twice,reseller,,abc,{,
        """);

    assertThat(parsed.errors().subList(0, parsed.errors().size() - 1)).containsExactly(
        "partners.csv: row 1 (line 2), column id: 'not-a-uuid' is not a UUID",
        "partners.csv: row 1 (line 2), column name: is required",
        "partners.csv: row 1 (line 2), column type: 'seller' is not one of [affiliate, integration, oemtools, reseller]",
        "partners.csv: row 1 (line 2), column contact_email: 'nope' is not an e-mail address",
        "partners.csv: row 1 (line 2), column commission_rate: '1.5' is not a rate from 0 to 1 with at most 4 decimals"
            + " (0.1500 for 15%)",
        "partners.csv: row 1 (line 2), column settings: must be a JSON object ({...})",
        "partners.csv: row 1 (line 2), column deleted_at: 'yesterday' is not a timestamp (2026-10-01T09:30:00Z) or a date"
            + " (2026-10-01)",
        "partners.csv: row 2 (line 3), column commission_rate: '0.12345' is not a rate from 0 to 1 with at most 4"
            + " decimals (0.1500 for 15%)",
        "partners.csv: row 3 (line 4), column id: 50000000-0000-0000-0000-000000000001 appears more than once in the file",
        "partners.csv: row 3 (line 4), column commission_rate: 'abc' is not a number (a rate from 0 to 1, 0.1500 for 15%)");
    assertThat(parsed.errors().get(parsed.errors().size() - 1))
        .startsWith("partners.csv: row 3 (line 4), column settings: is not valid JSON: ");
  }

  @Test
  void unknownAndMissingColumnsAreNamedFromTheHeader() throws IOException {
    assertThat(partners("name,kind\nAcme,reseller\n").errors()).containsExactly(
        "partners.csv: header, column kind: not one of the known columns " + PartnerCsv.PARTNER_COLUMNS,
        "partners.csv: header: the required column type is missing");
    assertThat(partners("name,type\n").errors()).containsExactly("partners.csv: no rows to import");
    assertThat(partners("name,type\nAcme,reseller,extra\n").errors())
        .containsExactly("partners.csv: row 1 (line 2): has 3 values, the header has 2");
  }

  @Test
  void linksNeedAKnownPartnerAndAreKeyedByShopAndPartner() throws IOException {
    String shop = "5a000000-0000-0000-0000-000000000001";
    PartnerCsv.Parsed<PartnerCsv.LinkRecord> parsed = links("""
        shop_id,partner_id,referral_code,custom_commission_rate,status,activated_at
        %1$s,%2$s,REF-1,0.2500,,2026-10-01
        %1$s,%2$s,,,,
        %1$s,60000000-0000-0000-0000-000000000009,,,,
        """.formatted(shop, KNOWN));

    assertThat(parsed.errors()).containsExactly(
        "links.csv: row 2 (line 3), column shop_id: the link of shop " + shop + " and partner " + KNOWN
            + " appears more than once",
        "links.csv: row 3 (line 4), column partner_id: no partner 60000000-0000-0000-0000-000000000009 (import partners"
            + " first)");
    assertThat(parsed.rows().get(0)).isEqualTo(new PartnerCsv.LinkRecord(UUID.fromString(shop), KNOWN, "REF-1",
        new BigDecimal("0.2500"), "active", null, Instant.parse("2026-10-01T00:00:00Z")));
  }

  @Test
  void aListingNeutralizesFormulasForSpreadsheetsAndImportsBackAsItWas() throws IOException {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", "=HYPERLINK(\"http://x\",\"y\")");
    row.put("type", "reseller");
    row.put("contact_phone", "+1 555 0100");
    row.put("commission_rate", new BigDecimal("0.1500"));
    StringBuilder out = new StringBuilder();
    PartnerCsv.write(PartnerCsv.PARTNER_COLUMNS, List.of(row), out);

    assertThat(out.toString().split("\r\n")[1])
        .isEqualTo("\"\",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",reseller,,'+1 555 0100,0.1500,,,,,,");
    PartnerCsv.Parsed<PartnerCsv.PartnerRecord> parsed = partners(out.toString());
    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.rows().get(0).name()).isEqualTo("=HYPERLINK(\"http://x\",\"y\")");
    assertThat(parsed.rows().get(0).contactPhone()).isEqualTo("+1 555 0100");
  }

  @Test
  void listingsUseTheImportFormat() throws IOException {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("shop_id", "s");
    row.put("partner_id", "p");
    row.put("activated_at", java.sql.Timestamp.from(Instant.parse("2026-10-01T00:00:00Z")));
    StringBuilder out = new StringBuilder();
    PartnerCsv.write(PartnerCsv.LINK_COLUMNS, List.of(row), out);

    assertThat(out.toString()).isEqualTo("id,shop_id,partner_id,referral_code,custom_commission_rate,status,referred_at,"
        + "activated_at\r\n\"\",s,p,,,,,2026-10-01T00:00:00Z\r\n"); // an empty first value is quoted (RFC 4180 printer)
    assertThat(links(out.toString().replace(",p,", "," + KNOWN + ",").replace(",s,", ",5a000000-0000-0000-0000-000000000001,"))
        .errors()).as("a listing imports again").isEmpty();
  }
}
