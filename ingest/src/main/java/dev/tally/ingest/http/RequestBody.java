package dev.tally.ingest.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body up to a limit, inflating gzip and deflate bodies (Segment's libraries gzip
 * theirs); the limit applies to the inflated size, so a small compressed bomb is refused too.
 */
final class RequestBody {

  /** How much of a refused body is read and dropped before answering; see {@link #discard}. */
  static final long MAX_DISCARDED_BYTES = 16L << 20;

  private RequestBody() {}

  /**
   * Reads and drops what is left of a body that is refused for its size, up to {@link #MAX_DISCARDED_BYTES}:
   * a client still sending it then reads the 413 instead of a connection reset (HTTP/1.1 clients, the
   * JDK's among them, do not read while they write). A bigger body is cut off when the connection closes.
   */
  static void discard(InputStream raw) {
    byte[] buffer = new byte[8192];
    long left = MAX_DISCARDED_BYTES;
    try {
      for (int n = raw.read(buffer); n > 0 && left > 0; n = raw.read(buffer)) {
        left -= n;
      }
    } catch (IOException e) {
      // the client went away: nothing to answer, nothing more to drop
    }
  }

  /**
   * @param contentEncoding the Content-Encoding header, may be null
   * @param contentLength the declared length (of the body as sent, so before inflating), or -1
   * @throws ClientError 413 over the limit, 415 for an unknown encoding, 400 for a corrupt one
   */
  static byte[] read(InputStream raw, String contentEncoding, long contentLength, int limit) throws ClientError, IOException {
    String encoding = contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
    try (InputStream in = switch (encoding) {
      case "", "identity" -> raw;
      case "gzip", "x-gzip" -> new GZIPInputStream(raw);
      case "deflate" -> new InflaterInputStream(raw);
      default -> throw new ClientError(415, "Content-Encoding '" + encoding + "' is not supported (use gzip, deflate or none)");
    }) {
      // sized for the declared length, so a plain body is read without growing and copying the array
      ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.max(8192, Math.min(contentLength + 1, limit + 1L)));
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (body.size() + n > limit) {
          discard(raw);
          throw new ClientError(413, "request body is larger than the limit of " + limit + " bytes");
        }
        body.write(buffer, 0, n);
      }
      return body.toByteArray();
    } catch (ZipException | java.io.EOFException e) {
      throw new ClientError(400, "body is not valid " + encoding + ": " + e.getMessage());
    }
  }
}
