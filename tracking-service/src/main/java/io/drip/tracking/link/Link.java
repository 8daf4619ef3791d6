package io.drip.tracking.link;

import java.time.Instant;

/**
 * A registered short link and the message it belongs to.
 *
 * @param url         the URL as the send command gave it
 * @param destination where the redirect goes: {@code url} with the UTM parameters added
 * @param traceparent the trace of the send command that registered it, which its clicks continue
 */
public record Link(String code, String url, String destination, String messageId, String contactId, String journeyId,
        Integer journeyVersion, String stepId, String variant, Instant createdAt, Instant expiresAt,
        String traceparent) {

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
