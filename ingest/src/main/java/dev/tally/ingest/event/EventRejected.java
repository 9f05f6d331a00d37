package dev.tally.ingest.event;

/**
 * An event that breaks a rule: the field (a JSON path such as {@code properties.currency}) and the
 * rule, with a message a client developer can act on. Thrown by the mappers, caught per event.
 */
public final class EventRejected extends RuntimeException {

  private final String field;
  private final Rule rule;

  public EventRejected(String field, Rule rule, String message) {
    super(field + ": " + message, null, false, false);
    this.field = field;
    this.rule = rule;
  }

  public String field() {
    return field;
  }

  public Rule rule() {
    return rule;
  }

  /** The text that goes to the client and the dead-letter topic, e.g. {@code messageId: required}. */
  public String reason() {
    return getMessage();
  }
}
