package io.drip.tracking.link;

/** A registered short link and the message it belongs to. */
public record Link(String code, String url, String messageId, String contactId, String journeyId, String stepId,
        String variant) {
}
