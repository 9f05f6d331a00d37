package dev.tally.batch.statement;

import dev.tally.batch.partner.StatementLine;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A partner's statement as an A4 PDF (Apache PDFBox): partner details, period, status and payment,
 * a table of lines per shop with amounts right-aligned and followed by their currency code, totals
 * per currency, the transitions so far and notes. Text outside the standard fonts' character set
 * (WinAnsi) is printed as '?'.
 */
public final class StatementPdf {

  private static final float MARGIN = 40;
  private static final float LINE = 13;
  private static final float SIZE = 8.5f;
  private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  // columns of the lines table: left edges for text, right edges for numbers
  private static final float SHOP = MARGIN;
  private static final float KIND = 208;
  private static final float FROM = 286;
  private static final float REVENUE_RIGHT = 410;
  private static final float RATE_RIGHT = 472;
  private static final float COMMISSION_RIGHT = 555;

  private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

  private PDDocument document;
  private PDPageContentStream page;
  private float y;

  /** Writes the statement to {@code out} (not closed). */
  public static void write(PartnerStatement s, OutputStream out) throws IOException {
    new StatementPdf().render(s, out);
  }

  private void render(PartnerStatement s, OutputStream out) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      document = doc;
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle("Partner revenue statement " + s.partner().name() + " " + s.period().label());
      info.setCreator("Tally");
      newPage();
      text(bold, 15, MARGIN, "Partner revenue statement");
      y -= 26;
      field("Partner", s.partner().name() + " (" + s.partner().type() + ")");
      field("Partner id", s.partner().id());
      field("Contact", join(s.partner().email(), s.partner().phone()));
      field("Payment terms", nullToDash(s.partner().paymentTerms()));
      field("Period", s.period().type().label() + " " + s.period().label() + " (" + s.period().start() + " to "
          + s.period().end() + ")");
      field("Status", s.statusLabel());
      if (s.paymentReference() != null) {
        field("Payment", "reference " + s.paymentReference() + (s.paidOn() == null ? "" : ", paid on " + s.paidOn()));
      }
      y -= 8;
      header();
      for (PartnerStatement.Section section : s.sections()) {
        for (StatementLine line : section.lines()) {
          String kind = switch (line.kind()) {
            case REVENUE -> "Revenue";
            case ADJUSTMENT -> "Adjustment";
            case CARRIED_FORWARD -> "Carried forward";
            case ADJUSTED_LATER -> "Paid in later period";
          };
          row(section.shopId(), kind, StatementCsv.source(s.period(), line), Money.display(line.revenue(), section.currency()),
              line.rate().toPlainString() + (line.rateOverride() ? " override" : " partner"),
              Money.display(line.commission(), section.currency()));
        }
        Optional<StatementLine> carried = section.carriedToNext(s.period());
        if (carried.isPresent()) {
          row(section.shopId(), "Carried to next period", "", Money.display(carried.get().revenue(), section.currency()), "",
              Money.display(carried.get().commission(), section.currency()));
        }
      }
      if (s.sections().isEmpty()) {
        text(regular, SIZE, MARGIN, "No revenue in this period.");
        y -= LINE;
      }
      y += LINE - 6;
      rule();
      y -= LINE + 2;
      text(bold, SIZE + 1, MARGIN, "Total payable");
      y -= LINE;
      for (PartnerStatement.Total total : s.totals()) {
        text(regular, SIZE, KIND, total.currency());
        right(regular, SIZE, REVENUE_RIGHT, Money.display(total.revenue(), total.currency()));
        right(bold, SIZE, COMMISSION_RIGHT, Money.display(total.commission(), total.currency()));
        y -= LINE;
      }
      if (!s.history().isEmpty()) {
        y -= 8;
        text(bold, SIZE + 1, MARGIN, "History");
        y -= LINE;
        for (PartnerStatement.Transition t : s.history()) {
          paragraph(AT.format(t.at()) + "  " + t.from() + " -> " + t.to() + " by " + t.actor()
              + (t.paymentReference() == null ? "" : ", reference " + t.paymentReference())
              + (t.reason() == null ? "" : ": " + t.reason()));
        }
      }
      if (!s.notes().isEmpty()) {
        y -= 8;
        text(bold, SIZE + 1, MARGIN, "Notes");
        y -= LINE;
        for (String note : s.notes()) {
          paragraph(note);
        }
      }
      page.close();
      doc.save(out);
    }
  }

  private void field(String label, String value) throws IOException {
    text(bold, SIZE + 0.5f, MARGIN, label);
    text(regular, SIZE + 0.5f, MARGIN + 85, value);
    y -= LINE;
  }

  private void header() throws IOException {
    text(bold, SIZE, SHOP, "Shop");
    text(bold, SIZE, KIND, "Line");
    text(bold, SIZE, FROM, "From period");
    right(bold, SIZE, REVENUE_RIGHT, "Revenue");
    right(bold, SIZE, RATE_RIGHT, "Rate");
    right(bold, SIZE, COMMISSION_RIGHT, "Commission");
    y -= 4;
    rule();
    y -= LINE - 4;
  }

  private void row(String shop, String kind, String from, String revenue, String rate, String commission)
      throws IOException {
    if (y < MARGIN + LINE) {
      newPage();
      header();
    }
    text(regular, SIZE - 1, SHOP, shop);
    text(regular, SIZE, KIND, kind);
    text(regular, SIZE, FROM, from);
    right(regular, SIZE, REVENUE_RIGHT, revenue);
    right(regular, SIZE - 1, RATE_RIGHT, rate);
    right(regular, SIZE, COMMISSION_RIGHT, commission);
    y -= LINE;
  }

  private void paragraph(String text) throws IOException {
    List<String> lines = wrap(safe(text), COMMISSION_RIGHT - MARGIN);
    for (String line : lines) {
      if (y < MARGIN + LINE) {
        newPage();
      }
      text(regular, SIZE, MARGIN, line);
      y -= LINE;
    }
  }

  private List<String> wrap(String text, float width) throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = current.isEmpty() ? word : current + " " + word;
      if (!current.isEmpty() && regular.getStringWidth(candidate) / 1000 * SIZE > width) {
        lines.add(current.toString());
        current = new StringBuilder(word);
      } else {
        current = new StringBuilder(candidate);
      }
    }
    lines.add(current.toString());
    return lines;
  }

  private void newPage() throws IOException {
    if (page != null) {
      page.close();
    }
    PDPage p = new PDPage(PDRectangle.A4);
    document.addPage(p);
    page = new PDPageContentStream(document, p);
    y = PDRectangle.A4.getHeight() - MARGIN;
  }

  private void rule() throws IOException {
    page.moveTo(MARGIN, y);
    page.lineTo(COMMISSION_RIGHT, y);
    page.setLineWidth(0.5f);
    page.stroke();
  }

  private void text(PDType1Font font, float size, float x, String text) throws IOException {
    page.beginText();
    page.setFont(font, size);
    page.newLineAtOffset(x, y);
    page.showText(safe(text));
    page.endText();
  }

  private void right(PDType1Font font, float size, float rightEdge, String text) throws IOException {
    String safe = safe(text);
    text(font, size, rightEdge - font.getStringWidth(safe) / 1000 * size, safe);
  }

  /** The text with every character the standard fonts cannot encode replaced by '?'. */
  private String safe(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      String c = new String(Character.toChars(cp));
      try {
        regular.encode(c);
        bold.encode(c);
        out.append(c);
      } catch (IOException | IllegalArgumentException e) {
        out.append('?');
      }
    });
    return out.toString();
  }

  private static String join(String a, String b) {
    if (a == null && b == null) {
      return "-";
    }
    return a == null ? b : b == null ? a : a + ", " + b;
  }

  private static String nullToDash(String s) {
    return s == null ? "-" : s;
  }
}
