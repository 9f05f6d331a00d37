package dev.tally.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** partners import/list and links import/list against the real PostgreSQL. */
class PartnersImportIT {

  static final String P1 = "f1000000-0000-0000-0000-000000002043";
  static final String P2 = "f2000000-0000-0000-0000-000000002043";
  static final String SHOP = "5b000000-0000-0000-0000-000000002043";

  @TempDir
  Path tmp;

  @BeforeEach
  void noSuchPartners() {
    Stores.PG.update("DELETE FROM partners WHERE id IN (?::uuid, ?::uuid)", P1, P2);
  }

  @Test
  void anInvalidFileNamesEachBadRowAndColumnAndImportsNothing() throws IOException {
    Path file = tmp.resolve("partners.csv");
    Files.writeString(file, "id,name,type,commission_rate\n" + P1 + ",Good,reseller,0.1\n" + P2 + ",Bad,reseller,15%\n");

    Cli.Result result = Cli.partners("import", file.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("partners.csv: row 2 (line 3), column commission_rate: '15%' is not a number",
        "1 error(s); nothing was imported");
    assertThat(Stores.pg("SELECT id FROM partners WHERE id IN (?::uuid, ?::uuid)", P1, P2)).isEmpty();
    assertThat(Cli.partners("import", tmp.resolve("missing.csv").toString()).exitCode()).isEqualTo(2);
  }

  @Test
  void importedPartnersAndLinksAreListedInTheImportFormatAndImportAgain() throws IOException {
    Path partners = tmp.resolve("partners.csv");
    Files.writeString(partners, "id,name,type,contact_email,commission_rate,deleted_at\n"
        + P1 + ",\"Acme, Ltd\",reseller,a@acme.example,0.1250,\n" + P2 + ",Beta,affiliate,,,2043-02-01T10:00:00Z\n");
    assertThat(Cli.partners("import", partners.toString()).out()).contains("imported 2 partners: 2 added, 0 updated");
    Path links = tmp.resolve("links.csv");
    Files.writeString(links, "shop_id,partner_id,referral_code,custom_commission_rate,activated_at\n"
        + SHOP + "," + P1 + ",R-1,0.3000,2043-01-05T00:00:00Z\n");
    assertThat(Cli.partners("links", "import", links.toString()).out()).contains("imported 1 links: 1 added, 0 updated");
    Path unknown = tmp.resolve("unknown.csv");
    Files.writeString(unknown, "shop_id,partner_id\n" + SHOP + ",f9000000-0000-0000-0000-000000002043\n");
    Cli.Result refused = Cli.partners("links", "import", unknown.toString());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("row 1 (line 2), column partner_id: no partner f9000000");

    String listed = Cli.partners("list").out();
    assertThat(listed.lines().filter(l -> l.startsWith(P1) || l.startsWith(P2)).map(l -> l.replaceAll(
        ",\\d{4}-\\d\\d-\\d\\dT[^,]*Z,\\d{4}-\\d\\d-\\d\\dT[^,]*Z,", ",<created>,<updated>,")))
        .containsExactly(P1 + ",\"Acme, Ltd\",reseller,a@acme.example,,0.1250,net_30,{},active,<created>,<updated>,",
            P2 + ",Beta,affiliate,,,0.0000,net_30,{},active,<created>,<updated>,2043-02-01T10:00:00Z");
    String linkList = Cli.partners("links", "list", "--partner", P1).out();
    assertThat(linkList.lines().skip(1).map(l -> l.replaceFirst("^[^,]+,", "<id>,").replaceFirst(
        ",active,[^,]+,", ",active,<referred>,"))).containsExactly(
        "<id>," + SHOP + "," + P1 + ",R-1,0.3000,active,<referred>,2043-01-05T00:00:00Z");

    Path again = tmp.resolve("again.csv");
    Files.writeString(again, listed.lines().filter(l -> l.startsWith("id,") || l.startsWith(P1) || l.startsWith(P2))
        .collect(java.util.stream.Collectors.joining("\n")));
    Cli.Result reimport = Cli.partners("import", again.toString());
    assertThat(reimport.exitCode()).as(reimport.err()).isZero();
    assertThat(reimport.out()).contains("imported 2 partners: 0 added, 2 updated");
  }
}
