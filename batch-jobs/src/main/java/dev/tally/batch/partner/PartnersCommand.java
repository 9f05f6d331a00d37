package dev.tally.batch.partner;

import dev.tally.batch.CommandLines;
import dev.tally.batch.Refused;
import dev.tally.batch.config.BatchSettings;
import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.db.DataSources;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code infra/tally partners import FILE | list | links import FILE | links list [--partner ID]}:
 * partners and shop links from and to CSV with the seed's columns. Exit codes: 0 done, 1 failed,
 * 2 bad arguments or an invalid file (every bad row and column is named; nothing is imported).
 */
@Command(name = "infra/tally partners", mixinStandardHelpOptions = true,
    description = "Partners and shop links, imported from and listed as CSV with the seed's columns. Exit codes: 0 done,"
        + " 1 failed, 2 bad arguments or an invalid file (each bad row and column named; nothing imported).",
    subcommands = {PartnersCommand.Import.class, PartnersCommand.ListPartners.class, PartnersCommand.Links.class})
public final class PartnersCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  public static int run(PrintStream out, PrintStream err, String... args) {
    return CommandLines.execute(new PartnersCommand(), "tally partners", out, err, args);
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "name a command: one of " + spec.subcommands().keySet());
  }

  static PartnerDirectory directory() {
    return new PartnerDirectory(DataSources.postgres(TallySettings.load()));
  }

  static Reader open(CommandSpec spec, Path file) throws IOException {
    try {
      return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ParameterException(spec.commandLine(), "no such file: " + file);
    }
  }

  static <T> List<T> valid(CommandSpec spec, PartnerCsv.Parsed<T> parsed) {
    if (!parsed.errors().isEmpty()) {
      parsed.errors().forEach(spec.commandLine().getErr()::println);
      throw new Refused(parsed.errors().size() + " error(s); nothing was imported");
    }
    return parsed.rows();
  }

  /** Reads FILE.csv with the import rules, then imports every row in one transaction (or nothing). */
  abstract static class ImportCommand<T> implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE.csv")
    Path file;

    abstract String noun();

    abstract PartnerCsv.Parsed<T> parse(String name, Reader in, ZoneId zone, PartnerDirectory directory)
        throws IOException;

    abstract PartnerDirectory.Imported save(PartnerDirectory directory, List<T> rows);

    @Override
    public Integer call() throws IOException {
      BatchSettings settings = BatchSettings.from(TallySettings.load());
      PartnerDirectory directory = directory();
      List<T> rows;
      try (Reader in = open(spec, file)) {
        rows = valid(spec, parse(file.getFileName().toString(), in, settings.zone(), directory));
      }
      PartnerDirectory.Imported done = save(directory, rows);
      spec.commandLine().getOut().printf("imported %d %s: %d added, %d updated%n", rows.size(), noun(), done.added(),
          done.updated());
      return 0;
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true, description = "Adds or updates partners from a CSV file"
      + " (columns: " + "id, name, type, contact_email, contact_phone, commission_rate, payment_terms, settings, status,"
      + " created_at, updated_at, deleted_at; name and type required; a row with an existing id updates that partner).")
  static final class Import extends ImportCommand<PartnerCsv.PartnerRecord> {
    @Override
    String noun() {
      return "partners";
    }

    @Override
    PartnerCsv.Parsed<PartnerCsv.PartnerRecord> parse(String name, Reader in, ZoneId zone, PartnerDirectory directory)
        throws IOException {
      return PartnerCsv.partners(name, in, zone);
    }

    @Override
    PartnerDirectory.Imported save(PartnerDirectory directory, List<PartnerCsv.PartnerRecord> rows) {
      return directory.importPartners(rows);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every partner, as CSV in the import format.")
  static final class ListPartners implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PartnerCsv.write(PartnerCsv.PARTNER_COLUMNS, directory().partners(), spec.commandLine().getOut());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "links", mixinStandardHelpOptions = true, description = "Shop-partner links: import FILE.csv | list.",
      subcommands = {LinksImport.class, LinksList.class})
  static final class Links implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      throw new ParameterException(spec.commandLine(), "name a command: import or list");
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true, description = "Adds or updates shop-partner links from a CSV"
      + " file (columns: id, shop_id, partner_id, referral_code, custom_commission_rate, status, referred_at,"
      + " activated_at; shop_id and partner_id required, the partner must exist; keyed by shop and partner).")
  static final class LinksImport extends ImportCommand<PartnerCsv.LinkRecord> {
    @Override
    String noun() {
      return "links";
    }

    @Override
    PartnerCsv.Parsed<PartnerCsv.LinkRecord> parse(String name, Reader in, ZoneId zone, PartnerDirectory directory)
        throws IOException {
      return PartnerCsv.links(name, in, zone, directory.partnerIds());
    }

    @Override
    PartnerDirectory.Imported save(PartnerDirectory directory, List<PartnerCsv.LinkRecord> rows) {
      return directory.importLinks(rows);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Shop-partner links as CSV in the import format.")
  static final class LinksList implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--partner", paramLabel = "ID", description = "Only this partner's links.")
    String partner;

    @Override
    public Integer call() throws IOException {
      UUID partnerId = null;
      if (partner != null) {
        try {
          partnerId = UUID.fromString(partner);
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), "--partner: '" + partner + "' is not a partner id (UUID)");
        }
      }
      PartnerCsv.write(PartnerCsv.LINK_COLUMNS, directory().links(partnerId), spec.commandLine().getOut());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
