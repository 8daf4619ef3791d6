package io.drip.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A Segment-spec message on {@code drip.events.v1} (types track, identify, page, alias).
 * {@code messageId} is the idempotency key; the record key is {@link #contactId()}.
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
        Instant receivedAt) {

    public static final String TRACK = "track";
    public static final String IDENTIFY = "identify";

    /** Drip's contact id: the backend's userId, else the anonymous id. */
    public String contactId() {
        return userId != null && !userId.isBlank() ? userId : anonymousId;
    }

    public boolean isTrack() {
        return TRACK.equals(type);
    }

    public boolean isIdentify() {
        return IDENTIFY.equals(type);
    }
}
