package dev.tally.ingest.kafka;

/** Kafka did not acknowledge every record in time: the request is answered 503 and nothing in it counts as accepted. */
public final class KafkaUnavailableException extends Exception {

  public KafkaUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
