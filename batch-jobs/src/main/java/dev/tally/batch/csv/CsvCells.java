package dev.tally.batch.csv;

/**
 * Text cells of the CSV files Tally writes, safe to open in a spreadsheet (OWASP, "CSV Injection"):
 * a cell that begins with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return is
 * read by spreadsheets as a formula, so it is written with a single quote in front, which they show
 * as text. Amounts are written as numbers and never pass through here (a refund's {@code -30.00}
 * stays a number). {@link #restored} undoes it, so a listing can be imported again unchanged; a
 * value that itself begins with quotes before such a character gets one more, so that the round trip
 * is exact.
 */
public final class CsvCells {

  private static final String FORMULA_STARTS = "=+-@\t\r";

  private CsvCells() {}

  /** {@code value} as a cell that no spreadsheet evaluates; null as the empty cell. */
  public static String text(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    return startsLikeFormula(s) ? "'" + s : s;
  }

  /** The value {@link #text} was given for {@code cell} (null stays null). */
  public static String restored(String cell) {
    return cell != null && cell.startsWith("'") && startsLikeFormula(cell.substring(1)) ? cell.substring(1) : cell;
  }

  /** Begins with a formula character, maybe after single quotes. */
  private static boolean startsLikeFormula(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == '\'') {
      i++;
    }
    return i < s.length() && FORMULA_STARTS.indexOf(s.charAt(i)) >= 0;
  }
}
