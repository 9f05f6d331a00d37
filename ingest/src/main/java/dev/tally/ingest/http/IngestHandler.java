package dev.tally.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.ingest.auth.KeyLookupsBusy;
import dev.tally.ingest.auth.WriteKeys;
import dev.tally.ingest.config.IngestConfig;
import dev.tally.ingest.event.EventFields;
import dev.tally.ingest.event.EventRejected;
import dev.tally.ingest.event.NativeEventMapper;
import dev.tally.ingest.event.Rule;
import dev.tally.ingest.event.SegmentMapper;
import dev.tally.ingest.kafka.EventPublisher;
import dev.tally.ingest.kafka.KafkaUnavailableException;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.AnalyticsEventWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingest request, step by step: size limit, write key, body, each event mapped and checked,
 * accepted events and dead letters written to Kafka, answer. Each event that is not accepted gets a
 * reason in the answer and a count in the metrics; the answer comes only after Kafka acknowledged
 * every record, and when it cannot, the answer is 503 and nothing counts as accepted.
 */
final class IngestHandler {

  /** What to answer: status, extra headers and a JSON body. */
  record Outcome(int status, Map<String, String> headers, JsonNode body) {}

  private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);

  private final IngestConfig config;
  private final ObjectMapper json;
  private final WriteKeys writeKeys;
  private final KeyRequestLimits keyRequests;
  /** Requests being parsed, judged and published: what holds most memory, bounded by TALLY_INGEST_MAX_IN_FLIGHT. */
  private final Semaphore working;
  private final EventPublisher publisher;
  private final IngestMetrics metrics;
  private final SegmentMapper segment;
  private final NativeEventMapper nativeEvents;
  private final EventFields fields;
  private final AnalyticsEventWriter avro = new AnalyticsEventWriter();

  IngestHandler(IngestConfig config, ObjectMapper json, WriteKeys writeKeys, EventPublisher publisher, IngestMetrics metrics) {
    this.config = config;
    this.json = json;
    this.writeKeys = writeKeys;
    this.publisher = publisher;
    this.metrics = metrics;
    this.fields = new EventFields(json);
    this.keyRequests = new KeyRequestLimits(config.edge().keyRequestsPerSecond());
    this.working = new Semaphore(config.edge().maxInFlight());
    this.segment = new SegmentMapper(fields, config.maxAhead());
    this.nativeEvents = new NativeEventMapper(fields, config.maxAhead());
  }

  /**
   * @param authorization the Authorization header, may be null
   * @param contentEncoding the Content-Encoding header, may be null
   * @param contentLength the declared length, or -1
   * @param remoteIp the client's address, used when an event carries no {@code context.ip}
   */
  Outcome handle(Endpoint endpoint, String authorization, String contentEncoding, long contentLength, InputStream body,
      String remoteIp) throws InterruptedException {
    try {
      if (contentLength > config.maxRequestBytes()) {
        RequestBody.discard(body);
        throw new ClientError(413, "request body of " + contentLength + " bytes is larger than the limit of " + config.maxRequestBytes() + " bytes");
      }
      WriteKeys.KeyGrant grant = authorization == null ? null : grantOf(basicUser(authorization));
      byte[] bytes = RequestBody.read(body, contentEncoding, contentLength, config.maxRequestBytes());
      if (bytes.length == 0) {
        throw new ClientError(400, "body is empty");
      }
      if (grant == null) {
        grant = grantOf(ParsedBody.writeKey(json, bytes)); // before the events are parsed
      }
      if (!working.tryAcquire()) {
        return unavailable("the collector is busy; retry later");
      }
      try {
        ParsedBody parsed = switch (endpoint.api()) {
          case SEGMENT_BATCH -> ParsedBody.batch(json, bytes, "batch", config.maxEventsPerRequest());
          case NATIVE -> ParsedBody.batch(json, bytes, "events", config.maxEventsPerRequest());
          case SEGMENT_SINGLE -> ParsedBody.single(json, bytes);
        };
        if (endpoint.api() == Endpoint.Api.SEGMENT_SINGLE && bytes.length > config.maxEventBytes()) {
          throw new ClientError(413, "event of " + bytes.length + " bytes is larger than " + config.maxEventBytes());
        }
        return ingest(endpoint, parsed, grant, remoteIp);
      } finally {
        working.release();
      }
    } catch (ClientError e) {
      return error(e.status(), e.getMessage());
    } catch (KafkaUnavailableException e) {
      LOG.warn("answering 503: {}", e.getMessage());
      return unavailable("Kafka is not available; nothing in this request was stored, retry later");
    } catch (SQLException e) {
      LOG.warn("answering 503: write keys cannot be read: {}", e.getMessage());
      return unavailable("write keys cannot be checked right now; retry later");
    } catch (KeyLookupsBusy e) {
      return unavailable("too many write keys to check right now; retry later");
    } catch (IOException e) {
      return error(400, "body cannot be read: " + e.getMessage());
    } catch (BadMessageException e) {
      // Jetty refused the body as it arrived: slower than TALLY_INGEST_MIN_BYTES_PER_SECOND (408)
      return error(e.getCode(), "body cannot be read: " + e.getReason());
    }
  }

  /** What a request's events came to: the records to write (accepted events and dead letters) and the answer's parts. */
  record Judged(List<ProducerRecord<String, byte[]>> records, int accepted, ArrayNode rejected, List<Rule> rejections) {}

  private Outcome ingest(Endpoint endpoint, ParsedBody parsed, WriteKeys.KeyGrant grant, String remoteIp)
      throws ClientError, KafkaUnavailableException, InterruptedException {
    Judged judged = judge(endpoint, parsed, grant, Instant.now(), remoteIp);
    publisher.publish(judged.records());
    metrics.accepted(endpoint.tag(), judged.accepted());
    for (Rule rule : judged.rejections()) {
      metrics.rejected(rule);
      if (rule.deadLetter()) {
        metrics.deadLettered(rule);
      }
    }
    ObjectNode answer = json.createObjectNode();
    answer.put("accepted", judged.accepted());
    answer.set("rejected", judged.rejected());
    return new Outcome(200, Map.of(), answer);
  }

  /** Maps, checks and encodes each event of a request; touches neither Kafka nor the metrics. */
  Judged judge(Endpoint endpoint, ParsedBody parsed, WriteKeys.KeyGrant grant, Instant receivedAt, String remoteIp)
      throws ClientError {
    String organization = grant.organizationId();
    SegmentMapper.Envelope envelope = envelope(parsed.top(), organization, receivedAt, remoteIp);
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(parsed.events().size());
    ArrayNode rejected = json.createArrayNode();
    List<Rule> rejections = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    int accepted = 0;
    for (int i = 0; i < parsed.events().size(); i++) {
      ParsedBody.SizedEvent raw = parsed.events().get(i);
      try {
        if (raw.bytes() > config.maxEventBytes()) {
          throw new EventRejected("(event)", Rule.EVENT_TOO_LARGE, raw.bytes() + " bytes is larger than the limit of "
              + config.maxEventBytes() + " bytes per event");
        }
        AnalyticsEvent event = switch (endpoint.api()) {
          case NATIVE -> nativeEvents.map(raw.json(), organization, receivedAt);
          case SEGMENT_BATCH, SEGMENT_SINGLE -> segment.map(raw.json(), endpoint.impliedType(), envelope);
        };
        if (!grant.scope().permits(event)) {
          throw new EventRejected("scope", Rule.SCOPE, "a client write key cannot send billing events (invoice_paid,"
              + " invoice_refunded, revenue with an invoice_id): send them from your backend with a server key");
        }
        Integer earlier = seen.putIfAbsent(event.getEventId(), i);
        if (earlier != null) {
          throw new EventRejected(endpoint.api() == Endpoint.Api.NATIVE ? "event_id" : "messageId", Rule.DUPLICATE_IN_BATCH,
              "'" + event.getEventId() + "' was already used by the event at index " + earlier + " of this request");
        }
        records.add(new ProducerRecord<>(config.eventsTopic(), organization, avro.encode(event)));
        accepted++;
      } catch (EventRejected e) {
        rejected.addObject().put("index", i).put("reason", e.reason());
        rejections.add(e.rule());
        if (e.rule().deadLetter()) {
          records.add(new ProducerRecord<>(config.deadLetterTopic(), organization,
              deadLetter(e, endpoint, i, organization, receivedAt, raw.json())));
        }
      }
    }
    return new Judged(records, accepted, rejected, rejections);
  }

  private SegmentMapper.Envelope envelope(JsonNode top, String organization, Instant receivedAt, String remoteIp) throws ClientError {
    try {
      Instant sentAt = fields.timestamp(top, "sentAt", "");
      JsonNode context = top.get("context");
      if (context != null && !context.isObject()) {
        context = null;
      }
      return new SegmentMapper.Envelope(organization, receivedAt, sentAt, context, remoteIp);
    } catch (EventRejected e) {
      throw new ClientError(400, e.reason());
    }
  }

  private byte[] deadLetter(EventRejected e, Endpoint endpoint, int index, String organization, Instant receivedAt, JsonNode payload) {
    ObjectNode letter = json.createObjectNode();
    letter.put("reason", e.reason());
    letter.put("rule", e.rule().tag());
    letter.put("field", e.field());
    letter.put("organization_id", organization);
    letter.put("received_at", receivedAt.toString());
    letter.put("endpoint", endpoint.path());
    letter.put("index", index);
    letter.set("payload", payload);
    return letter.toString().getBytes(StandardCharsets.UTF_8);
  }

  private WriteKeys.KeyGrant grantOf(String key) throws ClientError, SQLException, KeyLookupsBusy {
    if (key == null || key.isBlank()) {
      throw new ClientError(401, "a write key is required: HTTP Basic auth with the key as user name");
    }
    Optional<WriteKeys.KeyGrant> grant = writeKeys.find(key);
    if (grant.isEmpty()) {
      throw new ClientError(401, "unknown or revoked write key");
    }
    if (!keyRequests.allow(key)) {
      throw new ClientError(429, "this write key sent more than " + config.edge().keyRequestsPerSecond()
          + " requests a second; retry later");
    }
    return grant.get();
  }

  /** The user name of an HTTP Basic Authorization header (Segment sends the key as user, no password). */
  static String basicUser(String authorization) throws ClientError {
    String value = authorization.strip();
    if (!value.regionMatches(true, 0, "Basic ", 0, 6)) {
      throw new ClientError(401, "Authorization must be HTTP Basic with the write key as user name");
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(value.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ClientError(401, "Authorization header is not valid Base64");
    }
    int colon = decoded.indexOf(':');
    return colon < 0 ? decoded : decoded.substring(0, colon);
  }

  private Outcome error(int status, String message) {
    ObjectNode body = json.createObjectNode().put("error", message);
    Map<String, String> headers = switch (status) {
      case 401 -> Map.of("WWW-Authenticate", "Basic realm=\"tally\"");
      case 429 -> Map.of("Retry-After", "1");
      default -> Map.of();
    };
    return new Outcome(status, headers, body);
  }

  Outcome unavailable(String message) {
    return new Outcome(503, Map.of("Retry-After", Long.toString(config.retryAfter().toSeconds())),
        json.createObjectNode().put("error", message));
  }
}
