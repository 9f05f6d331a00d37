package dev.tally.batch.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvCellsTest {

  @ParameterizedTest
  @ValueSource(strings = {"=HYPERLINK(\"http://x\",\"y\")", "+1 555 0100", "-Team", "@SUM(A1)", "\tTab", "\rReturn",
      "'=already quoted", "''-two quotes"})
  void cellsThatASpreadsheetWouldEvaluateGetAQuoteAndReadBackAsTheyWere(String value) {
    String cell = CsvCells.text(value);

    assertThat(cell).isEqualTo("'" + value);
    assertThat(CsvCells.restored(cell)).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Zürich Partners", "PAY-7", "2026-10", "'quoted", "", "a=b"})
  void otherCellsStayAsTheyAre(String value) {
    assertThat(CsvCells.text(value)).isEqualTo(value);
    assertThat(CsvCells.restored(value)).isEqualTo(value);
  }

  @org.junit.jupiter.api.Test
  void nullIsTheEmptyCell() {
    assertThat(CsvCells.text(null)).isEmpty();
    assertThat(CsvCells.restored(null)).isNull();
  }
}
