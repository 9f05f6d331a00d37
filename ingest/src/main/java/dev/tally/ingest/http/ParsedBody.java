package dev.tally.ingest.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A request body as a top-level object and its events, each with its size in bytes as sent. For
 * a batch the events are the elements of one array field ({@code batch}, {@code events}); for a
 * single-event endpoint the whole body is the one event.
 *
 * @param top the top-level fields other than the events array
 * @param events the events in order
 */
record ParsedBody(ObjectNode top, List<SizedEvent> events) {

  /** One event as parsed, and how many bytes it took in the body. */
  record SizedEvent(JsonNode json, int bytes) {}

  /**
   * The body's top-level {@code writeKey} (where browser libraries put the key), read with a streaming
   * parser that builds nothing and stops there; null when there is none or the body is not a JSON
   * object. So a request without an Authorization header is authenticated before its events are parsed.
   */
  static String writeKey(ObjectMapper json, byte[] body) {
    try (JsonParser parser = json.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("writeKey")) {
          return value == JsonToken.VALUE_STRING ? parser.getText() : null;
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * @param maxEvents the most events a request may have; parsing stops at the one after
   * @throws ClientError 400 when the body is not JSON of the expected shape, 413 over {@code maxEvents}
   */
  static ParsedBody batch(ObjectMapper json, byte[] body, String arrayField, int maxEvents) throws ClientError {
    try (JsonParser parser = json.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new ClientError(400, "body must be a JSON object with a '" + arrayField + "' array");
      }
      ObjectNode top = json.createObjectNode();
      List<SizedEvent> events = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals(arrayField)) {
          if (value != JsonToken.START_ARRAY) {
            throw new ClientError(400, "'" + arrayField + "' must be an array of events");
          }
          events = new ArrayList<>();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (events.size() == maxEvents) {
              throw new ClientError(413, "request has more than " + maxEvents + " events; at most " + maxEvents + " per request");
            }
            long start = parser.currentTokenLocation().getByteOffset();
            JsonNode event = parser.readValueAsTree();
            long end = parser.currentLocation().getByteOffset();
            events.add(new SizedEvent(event, (int) (end - start)));
          }
        } else {
          top.set(name, parser.readValueAsTree());
        }
      }
      requireEnd(parser);
      if (events == null) {
        throw new ClientError(400, "body has no '" + arrayField + "' array");
      }
      if (events.isEmpty()) {
        throw new ClientError(400, "'" + arrayField + "' is empty: send at least one event");
      }
      return new ParsedBody(top, events);
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new ClientError(400, "body cannot be read: " + e.getMessage());
    }
  }

  /** The whole body as one event. */
  static ParsedBody single(ObjectMapper json, byte[] body) throws ClientError {
    try (JsonParser parser = json.createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new ClientError(400, "body must be a JSON object (one event)");
      }
      ObjectNode event = parser.readValueAsTree();
      requireEnd(parser);
      ObjectNode top = json.createObjectNode();
      if (event.has("writeKey")) {
        top.set("writeKey", event.get("writeKey"));
      }
      return new ParsedBody(top, List.of(new SizedEvent(event, body.length)));
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new ClientError(400, "body cannot be read: " + e.getMessage());
    }
  }

  private static void requireEnd(JsonParser parser) throws IOException, ClientError {
    if (parser.nextToken() != null) {
      throw new ClientError(400, "body has content after the JSON value (at byte " + parser.currentTokenLocation().getByteOffset() + ")");
    }
  }

  private static ClientError malformed(JsonProcessingException e) {
    String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    return new ClientError(400, "body is not valid JSON" + where + ": " + e.getOriginalMessage());
  }
}
