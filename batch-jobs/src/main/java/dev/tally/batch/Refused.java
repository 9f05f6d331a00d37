package dev.tally.batch;

/** A command that the arguments, the input or the data's state do not allow; nothing was changed (exit 2). */
public class Refused extends RuntimeException {

  public Refused(String message) {
    super(message);
  }
}
