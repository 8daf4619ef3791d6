package io.drip.contact.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.kit.web.InvalidRequestException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * Reads one Segment HTTP API message, says precisely what is wrong with a bad one, and applies
 * Segment's clock-skew correction: {@code timestamp = receivedAt - (sentAt - timestamp)}.
 */
public final class SegmentRequestReader {
    private static final int MAX_ID_LENGTH = 200;

    private SegmentRequestReader() {
    }

    public static SegmentMessage read(String type, String body, Instant receivedAt) {
        JsonNode json;
        try {
            json = MessageJson.mapper().readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(null, "the body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        if (json == null || !json.isObject()) {
            throw new InvalidRequestException(null, "the body must be a JSON object");
        }
        return read(type, (ObjectNode) json, receivedAt);
    }

    static SegmentMessage read(String type, ObjectNode json, Instant receivedAt) {
        String userId = id(json, "userId");
        String anonymousId = id(json, "anonymousId");
        if (userId == null && anonymousId == null) {
            throw new InvalidRequestException("/userId", "a userId or an anonymousId is required");
        }
        String event = text(json, "event");
        if (SegmentMessage.TRACK.equals(type) && (event == null || event.isBlank())) {
            throw new InvalidRequestException("/event", "a track call needs the event name, e.g. \"Signed Up\"");
        }
        String messageId = id(json, "messageId");
        ObjectNode traits = object(json, "traits");
        ObjectNode context = object(json, "context");
        checkTimezone(traits, "/traits/timezone");
        checkTimezone(context, "/context/timezone");
        Instant timestamp = instant(json, "timestamp");
        Instant sentAt = instant(json, "sentAt");
        return new SegmentMessage(type, messageId != null ? messageId : UUID.randomUUID().toString(), userId,
                anonymousId, event, text(json, "name"), object(json, "properties"), traits, context,
                correctedTimestamp(timestamp, sentAt, receivedAt), sentAt, receivedAt);
    }

    /** The device clock may be off: shift the timestamp by the skew between sentAt and receipt. */
    static Instant correctedTimestamp(Instant timestamp, Instant sentAt, Instant receivedAt) {
        if (timestamp == null) {
            return receivedAt;
        }
        if (sentAt == null) {
            return timestamp;
        }
        return receivedAt.minus(Duration.between(timestamp, sentAt));
    }

    private static String id(ObjectNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() && !node.isIntegralNumber()) {
            throw new InvalidRequestException("/" + field, field + " must be a string");
        }
        String value = node.asText().trim();
        if (value.length() > MAX_ID_LENGTH) {
            throw new InvalidRequestException("/" + field, field + " is longer than " + MAX_ID_LENGTH + " characters");
        }
        return value.isEmpty() ? null : value;
    }

    private static String text(ObjectNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidRequestException("/" + field, field + " must be a string");
        }
        return node.asText();
    }

    private static ObjectNode object(ObjectNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidRequestException("/" + field, field + " must be a JSON object");
        }
        return (ObjectNode) node;
    }

    private static Instant instant(ObjectNode json, String field) {
        String value = text(json, field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeException e) {
            throw new InvalidRequestException("/" + field, field + " '" + value
                    + "' is not an ISO-8601 date-time such as 2026-11-25T10:15:30Z");
        }
    }

    private static void checkTimezone(ObjectNode holder, String pointer) {
        JsonNode zone = holder == null ? null : holder.get("timezone");
        if (zone == null || zone.isNull()) {
            return;
        }
        try {
            ZoneId.of(zone.asText());
        } catch (DateTimeException e) {
            throw new InvalidRequestException(pointer, "'" + zone.asText()
                    + "' is not an IANA time zone such as Europe/Paris");
        }
    }
}
