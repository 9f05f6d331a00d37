package dev.tally.batch.statement;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a period's statements under {@code <folder>/<period>/}: {@code <partner id>.csv} and
 * {@code <partner id>.pdf} per partner and {@code summary.csv} of all partners. Each file is
 * written beside its place and then moved there, so a reader never sees half a file.
 */
public final class StatementFiles {

  private StatementFiles() {}

  /**
   * @param statements the partners to write files for
   * @param all every partner of the period, for the summary
   * @return the files written, summary last
   */
  public static List<Path> write(Path folder, List<PartnerStatement> statements, List<PartnerStatement> all,
      String periodLabel) throws IOException {
    Path dir = Files.createDirectories(folder.resolve(periodLabel));
    List<Path> written = new ArrayList<>();
    for (PartnerStatement s : statements) {
      written.add(replace(dir.resolve(s.partner().id() + ".csv"), out -> {
        try (Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
          StatementCsv.write(s, w);
        }
      }));
      written.add(replace(dir.resolve(s.partner().id() + ".pdf"), out -> StatementPdf.write(s, out)));
    }
    written.add(replace(dir.resolve("summary.csv"), out -> {
      try (Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
        StatementCsv.writeSummary(all, w);
      }
    }));
    return written;
  }

  private interface Content {
    void write(OutputStream out) throws IOException;
  }

  private static Path replace(Path target, Content content) throws IOException {
    Path temporary = target.resolveSibling(target.getFileName() + ".part");
    try (OutputStream out = Files.newOutputStream(temporary)) {
      content.write(out);
    }
    return Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
