package dev.tally.ingest.auth;

import dev.tally.schemas.event.AnalyticsEvent;
import java.util.Locale;

/**
 * What a write key may send. A {@code client} key is meant to be embedded where anyone can read it
 * (a web page, a mobile app): it sends everything except billing events, which feed partner
 * commissions. A {@code server} key, kept on a backend, sends everything.
 */
public enum KeyScope {
  CLIENT,
  SERVER;

  /** The scope as stored and typed: {@code client} or {@code server}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static KeyScope of(String label) {
    for (KeyScope scope : values()) {
      if (scope.label().equals(label)) {
        return scope;
      }
    }
    throw new IllegalArgumentException("scope must be client or server, not '" + label + "'");
  }

  /**
   * Whether a key of this scope may send {@code event}. Billing events need a server key:
   * {@code invoice_paid}, {@code invoice_refunded}, and any event whose revenue names an invoice.
   */
  public boolean permits(AnalyticsEvent event) {
    return this == SERVER || !isBilling(event);
  }

  static boolean isBilling(AnalyticsEvent event) {
    String type = event.getEventType();
    return type.equals("invoice_paid") || type.equals("invoice_refunded")
        || event.getRevenue() != null && event.getRevenue().getInvoiceId() != null;
  }
}
