package dev.tally.ingest.http;

import java.util.List;

/**
 * A collector endpoint: its path, which API it speaks and, for Segment's single-message
 * endpoints, the message type it stands for.
 *
 * @param path the URL path
 * @param api how the body is read
 * @param impliedType the Segment type of a single-message endpoint, else null
 */
record Endpoint(String path, Api api, String impliedType) {

  enum Api { SEGMENT_BATCH, SEGMENT_SINGLE, NATIVE }

  /**
   * {@code /v1/import} is the batch endpoint's older name, still used by Segment's Java library; the
   * one-letter paths are those of Segment's browser library (analytics.js, {@code @segment/analytics-next}):
   * one per call type, {@code /v1/b} for a batch in its batching mode.
   */
  static final List<Endpoint> ALL = List.of(
      new Endpoint("/v1/batch", Api.SEGMENT_BATCH, null),
      new Endpoint("/v1/import", Api.SEGMENT_BATCH, null),
      new Endpoint("/v1/track", Api.SEGMENT_SINGLE, "track"),
      new Endpoint("/v1/identify", Api.SEGMENT_SINGLE, "identify"),
      new Endpoint("/v1/page", Api.SEGMENT_SINGLE, "page"),
      new Endpoint("/v1/screen", Api.SEGMENT_SINGLE, "screen"),
      new Endpoint("/v1/group", Api.SEGMENT_SINGLE, "group"),
      new Endpoint("/v1/alias", Api.SEGMENT_SINGLE, "alias"),
      new Endpoint("/v1/b", Api.SEGMENT_BATCH, null),
      new Endpoint("/v1/t", Api.SEGMENT_SINGLE, "track"),
      new Endpoint("/v1/i", Api.SEGMENT_SINGLE, "identify"),
      new Endpoint("/v1/p", Api.SEGMENT_SINGLE, "page"),
      new Endpoint("/v1/s", Api.SEGMENT_SINGLE, "screen"),
      new Endpoint("/v1/g", Api.SEGMENT_SINGLE, "group"),
      new Endpoint("/v1/a", Api.SEGMENT_SINGLE, "alias"),
      new Endpoint("/v1/events", Api.NATIVE, null));

  /** The metric tag: the path without {@code /v1/}. */
  String tag() {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
