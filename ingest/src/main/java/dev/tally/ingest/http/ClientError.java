package dev.tally.ingest.http;

/** A request the collector refuses as a whole, with the HTTP status and a message for the client. */
final class ClientError extends Exception {

  private final int status;

  ClientError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
