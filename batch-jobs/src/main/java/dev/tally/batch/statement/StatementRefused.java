package dev.tally.batch.statement;

/** A command finance gave that the statement's state or the arguments do not allow; nothing was changed (exit 2). */
public class StatementRefused extends dev.tally.batch.Refused {

  public StatementRefused(String message) {
    super(message);
  }
}
