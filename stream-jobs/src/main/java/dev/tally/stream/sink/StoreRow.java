package dev.tally.stream.sink;

/** A row the stream writes to a store, as a dead letter names it when the store refuses it. */
public interface StoreRow {

  /** The tenant the row belongs to (the dead letter's key). */
  String organization();

  /** The row's values as text, {@code column=value, ...}. */
  String describe();
}
