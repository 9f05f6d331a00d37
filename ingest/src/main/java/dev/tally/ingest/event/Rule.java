package dev.tally.ingest.event;

/**
 * Why an event was not accepted. Every rule has a metric tag; rules that an event breaks while
 * being well-formed (a currency that does not exist, a timestamp a week ahead) also send it to the
 * dead-letter topic, so nothing is dropped without a trace.
 */
public enum Rule {
  NOT_AN_OBJECT("not_an_object", false),
  REQUIRED("required", false),
  WRONG_TYPE("wrong_type", false),
  TOO_LONG("too_long", false),
  EVENT_TOO_LARGE("event_too_large", false),
  CONTROL_CHARACTERS("control_characters", false),
  TOO_DEEP("too_deep", false),
  TOO_MANY_PROPERTIES("too_many_properties", false),
  INVALID_TIMESTAMP("invalid_timestamp", false),
  UNKNOWN_TYPE("unknown_type", false),
  DUPLICATE_IN_BATCH("duplicate_in_batch", false),
  UNKNOWN_FIELD("unknown_field", false),

  FUTURE_TIMESTAMP("future_timestamp", true),
  UNKNOWN_CURRENCY("unknown_currency", true),
  AMOUNT_PRECISION("amount_precision", true),
  NEGATIVE_AMOUNT("negative_amount", true),
  AMOUNT_TOO_LARGE("amount_too_large", true),
  REVENUE_FIELD_MISSING("revenue_field_missing", true),
  OUT_OF_RANGE("out_of_range", true),
  INVALID_VALUE("invalid_value", true),
  /** A well-formed event the request's write key may not send ({@code KeyScope}). */
  SCOPE("scope", true);

  private final String tag;
  private final boolean deadLetter;

  Rule(String tag, boolean deadLetter) {
    this.tag = tag;
    this.deadLetter = deadLetter;
  }

  /** The metric tag and short name of the rule. */
  public String tag() {
    return tag;
  }

  /** True when an event breaking this rule goes to the dead-letter topic as well as being reported. */
  public boolean deadLetter() {
    return deadLetter;
  }
}
