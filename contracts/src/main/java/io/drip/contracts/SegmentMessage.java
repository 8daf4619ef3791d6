package io.drip.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A Segment-spec message on {@code drip.events.v1} (types track, identify, page, alias).
 * {@code messageId} is the idempotency key; the record key is {@link #contactId()}.
 *
 * @param previousId an alias call's earlier id of the person, now known as {@code userId}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SegmentMessage(
        String type,
        String messageId,
        String userId,
        String anonymousId,
        String event,
        String name,
        ObjectNode properties,
        ObjectNode traits,
        ObjectNode context,
        Instant timestamp,
        Instant sentAt,
        Instant receivedAt,
        String previousId) {

    public static final String TRACK = "track";
    public static final String IDENTIFY = "identify";
    public static final String PAGE = "page";
    public static final String ALIAS = "alias";

    /** A message of any type but alias. */
    public SegmentMessage(String type, String messageId, String userId, String anonymousId, String event, String name,
            ObjectNode properties, ObjectNode traits, ObjectNode context, Instant timestamp, Instant sentAt,
            Instant receivedAt) {
        this(type, messageId, userId, anonymousId, event, name, properties, traits, context, timestamp, sentAt,
                receivedAt, null);
    }

    /** Drip's contact id: the backend's userId, else the anonymous id. */
    public String contactId() {
        return userId != null && !userId.isBlank() ? userId : anonymousId;
    }

    @JsonIgnore // a question about the type, not a field of the message
    public boolean isTrack() {
        return TRACK.equals(type);
    }

    @JsonIgnore
    public boolean isIdentify() {
        return IDENTIFY.equals(type);
    }

    @JsonIgnore
    public boolean isAlias() {
        return ALIAS.equals(type);
    }
}
