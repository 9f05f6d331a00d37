package dev.tally.schemas.event;

/** A Kafka payload that cannot be turned back into a record; the message says why. */
public final class EventDecodingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public EventDecodingException(String message, Throwable cause) {
    super(message, cause);
  }
}
