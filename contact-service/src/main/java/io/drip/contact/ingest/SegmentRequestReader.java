package io.drip.contact.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.contracts.Topics;
import io.drip.kit.clock.TimeZones;
import io.drip.kit.web.InvalidRequestException;
import io.drip.kit.web.PayloadTooLargeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads Segment HTTP API requests, says precisely what is wrong with a bad one (the JSON
 * pointer names the batch index and the field), enforces Segment's size limits, and applies
 * Segment's clock-skew correction: {@code timestamp = receivedAt - (sentAt - timestamp)}.
 */
public final class SegmentRequestReader {
    /** Segment's limits: 32 KB per message, 500 KB per batch request. */
    public static final int MAX_MESSAGE_BYTES = 32 * 1024;
    public static final int MAX_BATCH_BYTES = 500 * 1024;

    private static final int MAX_ID_LENGTH = 200;
    private static final Set<String> APPLIED_TYPES =
            Set.of(SegmentMessage.IDENTIFY, SegmentMessage.TRACK, SegmentMessage.PAGE, SegmentMessage.ALIAS);
    /** Accepted in a batch, as Segment does, but nothing in Drip uses them. */
    private static final Set<String> IGNORED_TYPES = Set.of("group", "screen");

    private SegmentRequestReader() {
    }

    /** The body of a request as a JSON object, at most {@code maxBytes} long. */
    public static ObjectNode parse(byte[] body, int maxBytes) {
        if (body != null && body.length > maxBytes) {
            throw new PayloadTooLargeException(null, "the request body is " + body.length
                    + " bytes; the limit is " + maxBytes + " bytes (" + maxBytes / 1024 + " KB)");
        }
        JsonNode json;
        try {
            json = MessageJson.mapper().readTree(body == null ? new byte[0] : body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(null, "the body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new InvalidRequestException(null, "the body cannot be read: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw new InvalidRequestException(null, "the body must be a JSON object");
        }
        String nul = MessageJson.nulCharacterAt(json);
        if (nul != null) {
            throw new InvalidRequestException(nul, MessageJson.nulProblem(nul));
        }
        return (ObjectNode) json;
    }

    /** One message of an {@code /v1/<type>} call. */
    public static SegmentRequest read(String type, ObjectNode json, Instant receivedAt) {
        List<IngestWarning> warnings = new ArrayList<>();
        SegmentMessage message = read(type, json, "", instant(json, "", "sentAt"), receivedAt, warnings);
        return new SegmentRequest(List.of(message), warnings);
    }

    /** Convenience for tests: parse and read one message. */
    static SegmentMessage read(String type, String body, Instant receivedAt) {
        return read(type, parse(body.getBytes(StandardCharsets.UTF_8), MAX_MESSAGE_BYTES), receivedAt).messages().get(0);
    }

    /**
     * The messages of a {@code /v1/batch} call, all checked before any is applied. The batch's
     * {@code sentAt} and {@code context} apply to every message (a message's own values win);
     * group and screen calls are accepted and skipped.
     */
    public static SegmentRequest readBatch(ObjectNode json, Instant receivedAt) {
        JsonNode batch = json.get("batch");
        if (batch == null || !batch.isArray()) {
            throw new InvalidRequestException("/batch", "a batch call needs \"batch\": an array of messages");
        }
        Instant sentAt = instant(json, "", "sentAt");
        List<IngestWarning> warnings = new ArrayList<>();
        ObjectNode sharedContext = object(json, "", "context");
        dropBadTimezone(sharedContext, "/context/timezone", warnings);
        List<SegmentMessage> messages = new ArrayList<>(batch.size());
        Map<String, Integer> messageIds = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            String at = "/batch/" + i;
            JsonNode item = batch.get(i);
            if (!item.isObject()) {
                throw new InvalidRequestException(at, "batch message " + i + " must be a JSON object");
            }
            int size = MessageJson.write(item).getBytes(StandardCharsets.UTF_8).length;
            if (size > MAX_MESSAGE_BYTES) {
                throw new PayloadTooLargeException(at, "batch message " + i + " is " + size
                        + " bytes; the limit is " + MAX_MESSAGE_BYTES + " bytes (32 KB) per message");
            }
            ObjectNode message = (ObjectNode) item;
            String type = text(message, at, "type");
            if (type == null || !APPLIED_TYPES.contains(type) && !IGNORED_TYPES.contains(type)) {
                throw new InvalidRequestException(at + "/type", "batch message " + i + ": type "
                        + (type == null ? "is missing" : "'" + type + "' is unknown")
                        + "; it is one of identify, track, page, alias, group, screen");
            }
            if (IGNORED_TYPES.contains(type)) {
                continue;
            }
            if (sharedContext != null) {
                ObjectNode context = sharedContext.deepCopy();
                ObjectNode own = object(message, at, "context");
                if (own != null) {
                    context.setAll(own);
                }
                message.set("context", context);
            }
            String messageId = text(message, at, "messageId");
            Integer first = messageId == null ? null : messageIds.putIfAbsent(messageId, i);
            if (first != null) {
                // two messages of one request under one id: the second would be dropped as a redelivery
                throw new InvalidRequestException(at + "/messageId", "batch message " + i + ": messageId '" + messageId
                        + "' is already the id of /batch/" + first + "; every message needs its own");
            }
            Instant ownSentAt = instant(message, at, "sentAt");
            messages.add(read(type, message, at, ownSentAt != null ? ownSentAt : sentAt, receivedAt, warnings));
        }
        return new SegmentRequest(messages, warnings);
    }

    private static SegmentMessage read(String type, ObjectNode json, String at, Instant sentAt, Instant receivedAt,
            List<IngestWarning> warnings) {
        String userId = id(json, at, "userId");
        String anonymousId = id(json, at, "anonymousId");
        if (userId == null && anonymousId == null) {
            throw new InvalidRequestException(at + "/userId", where(at) + "a userId or an anonymousId is required");
        }
        String event = text(json, at, "event");
        if (SegmentMessage.TRACK.equals(type) && (event == null || event.isBlank())) {
            throw new InvalidRequestException(at + "/event", where(at) + "a track call needs the event name, e.g. \"Signed Up\"");
        }
        String previousId = id(json, at, "previousId");
        if (SegmentMessage.ALIAS.equals(type)) {
            if (previousId == null) {
                throw new InvalidRequestException(at + "/previousId", where(at) + "an alias call needs the previousId");
            }
            if (userId == null) {
                throw new InvalidRequestException(at + "/userId", where(at) + "an alias call needs the userId");
            }
        }
        String messageId = id(json, at, "messageId");
        ObjectNode traits = object(json, at, "traits");
        ObjectNode context = object(json, at, "context");
        checkTimezone(traits, at + "/traits/timezone");
        dropBadTimezone(context, at + "/context/timezone", warnings);
        Instant timestamp = instant(json, at, "timestamp");
        SegmentMessage message = new SegmentMessage(type, messageId != null ? messageId : UUID.randomUUID().toString(),
                userId, anonymousId, event, text(json, at, "name"), object(json, at, "properties"), traits, context,
                correctedTimestamp(timestamp, sentAt, receivedAt), sentAt, receivedAt,
                SegmentMessage.ALIAS.equals(type) ? previousId : null);
        // refused here, not by drip.events.v1's consumers (its .dlq), e.g. an event name over the limit
        MessageJson.problems(message).stream().findFirst().ifPresent(problem -> {
            throw new InvalidRequestException(at + problem.pointer(), where(at) + problem.pointer() + " "
                    + problem.reason() + ", as " + Topics.EVENTS + " requires");
        });
        return message;
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

    private static String where(String at) {
        return at.isEmpty() ? "" : "batch message " + at.substring("/batch/".length()) + ": ";
    }

    private static String id(ObjectNode json, String at, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() && !node.isIntegralNumber()) {
            throw new InvalidRequestException(at + "/" + field, where(at) + field + " must be a string");
        }
        String value = node.asText().trim();
        if (value.length() > MAX_ID_LENGTH) {
            throw new InvalidRequestException(at + "/" + field,
                    where(at) + field + " is longer than " + MAX_ID_LENGTH + " characters");
        }
        return value.isEmpty() ? null : value;
    }

    private static String text(ObjectNode json, String at, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidRequestException(at + "/" + field, where(at) + field + " must be a string");
        }
        return node.asText();
    }

    private static ObjectNode object(ObjectNode json, String at, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidRequestException(at + "/" + field, where(at) + field + " must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** ISO-8601 with Z or an offset, as analytics-node (Z) and analytics-python (+00:00) send. */
    private static Instant instant(ObjectNode json, String at, String field) {
        String value = text(json, at, field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeException e) {
            throw new InvalidRequestException(at + "/" + field, where(at) + field + " '" + value
                    + "' is not an ISO-8601 date-time such as 2026-11-25T10:15:30Z");
        }
    }

    /**
     * A context's time zone is what the client's platform reported, often wrongly (a Windows name
     * such as "Eastern Standard Time"): a wrong one is removed and warned about, not a reason to
     * refuse the message. A trait is the sender's own statement, so a wrong one is refused.
     */
    private static void dropBadTimezone(ObjectNode context, String pointer, List<IngestWarning> warnings) {
        JsonNode zone = context == null ? null : context.get("timezone");
        if (zone == null || zone.isNull() || TimeZones.isZone(zone.asText())) {
            return;
        }
        context.remove("timezone");
        warnings.add(IngestWarning.ignoredTimezone(pointer, zone.asText()));
    }

    private static void checkTimezone(ObjectNode holder, String pointer) {
        JsonNode zone = holder == null ? null : holder.get("timezone");
        if (zone != null && !zone.isNull() && !TimeZones.isZone(zone.asText())) {
            throw new InvalidRequestException(pointer, TimeZones.notAZone(zone.asText()));
        }
    }
}
