package dev.tally.batch.partner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.batch.csv.CsvCells;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;

/**
 * One data row of an imported CSV file, read column by column with the seed's rules; each value
 * that breaks a rule adds an error naming the row and the column, and reads as null.
 */
final class CsvRow {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final String file;
  private final CSVRecord record;
  private final ZoneId zone;
  private final List<String> errors;

  CsvRow(String file, CSVRecord record, ZoneId zone, List<String> errors) {
    this.file = file;
    this.record = record;
    this.zone = zone;
    this.errors = errors;
  }

  /** The row's place for messages: data row number (the header is not counted) and file line. */
  String where(String column) {
    return file + ": row " + record.getRecordNumber() + " (line " + (record.getRecordNumber() + 1) + "), column "
        + column;
  }

  void error(String column, String message) {
    errors.add(where(column) + ": " + message);
  }

  /** The trimmed value as written ({@link CsvCells#restored}), null when the column is absent or empty. */
  String raw(String column) {
    if (!record.isMapped(column) || !record.isSet(column)) {
      return null;
    }
    String value = CsvCells.restored(record.get(column).strip());
    return value.isEmpty() ? null : value;
  }

  String text(String column, int maxLength, boolean required) {
    String value = raw(column);
    if (value == null) {
      if (required) {
        error(column, "is required");
      }
      return null;
    }
    if (value.length() > maxLength) {
      error(column, "is " + value.length() + " characters long, at most " + maxLength + " allowed");
      return null;
    }
    return value;
  }

  String oneOf(String column, Set<String> allowed, boolean required) {
    String value = text(column, 50, required);
    if (value != null && !allowed.contains(value)) {
      error(column, "'" + value + "' is not one of " + allowed.stream().sorted().toList());
      return null;
    }
    return value;
  }

  String email(String column) {
    String value = text(column, 255, false);
    if (value != null && !EMAIL.matcher(value).matches()) {
      error(column, "'" + value + "' is not an e-mail address");
      return null;
    }
    return value;
  }

  UUID uuid(String column, boolean required) {
    String value = raw(column);
    if (value == null) {
      if (required) {
        error(column, "is required");
      }
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      error(column, "'" + value + "' is not a UUID");
      return null;
    }
  }

  /** A commission rate: a decimal from 0 to 1 with at most 4 decimals (DECIMAL(5,4)). */
  BigDecimal rate(String column) {
    String value = raw(column);
    if (value == null) {
      return null;
    }
    try {
      BigDecimal rate = new BigDecimal(value);
      if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0 || rate.stripTrailingZeros().scale() > 4) {
        error(column, "'" + value + "' is not a rate from 0 to 1 with at most 4 decimals (0.1500 for 15%)");
        return null;
      }
      return rate.setScale(4);
    } catch (NumberFormatException e) {
      error(column, "'" + value + "' is not a number (a rate from 0 to 1, 0.1500 for 15%)");
      return null;
    }
  }

  /** An instant: ISO-8601 with an offset (2026-10-01T09:30:00Z) or a date (its start in the pipeline's zone). */
  Instant instant(String column) {
    String value = raw(column);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(value).atStartOfDay(zone).toInstant();
      } catch (DateTimeParseException e2) {
        error(column, "'" + value + "' is not a timestamp (2026-10-01T09:30:00Z) or a date (2026-10-01)");
        return null;
      }
    }
  }

  /** A JSON object as text; "{}" when empty. */
  String jsonObject(String column) {
    String value = raw(column);
    if (value == null) {
      return "{}";
    }
    try {
      JsonNode node = JSON.readTree(value);
      if (node == null || !node.isObject()) {
        error(column, "must be a JSON object ({...})");
        return null;
      }
      return node.toString();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      error(column, "is not valid JSON: " + e.getOriginalMessage());
      return null;
    }
  }
}
