package dev.tally.stream.fingerprint;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * 64-bit fingerprints of ids (event ids, user ids): the first 64 bits of MurmurHash3 x64 128 of the
 * id's UTF-8 bytes, never 0 (0 marks an empty slot of a {@link LongTable}). Two distinct ids among n
 * share a fingerprint with odds of about n²/2^65.
 */
public final class Fingerprint {

  /** Stands for the fingerprint 0. */
  private static final long ZERO = 0x9E3779B97F4A7C15L;

  private Fingerprint() {}

  /** The fingerprint of {@code id} (not null). */
  public static long of(String id) {
    long hash = MurmurHash3.hash128x64(id.getBytes(StandardCharsets.UTF_8))[0];
    return hash == 0 ? ZERO : hash;
  }
}
