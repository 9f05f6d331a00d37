package dev.tally.batch.statement;

import java.util.Locale;

/** partner_revenue.status: the lifecycle of a partner's statement for one period. */
public enum StatementStatus {
  CALCULATED, PENDING_PAYMENT, PAID, DISPUTED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static StatementStatus of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
