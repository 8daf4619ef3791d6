package io.drip.dispatch.provider;

/**
 * A provider took the message: its id for it (receipts refer to it) and, when it says, the
 * segments it counted and what it charged.
 *
 * @param segments the provider's count, null when it gave none; a count below 1 is none either
 *                 (Twilio answers {@code num_segments} 0 for Messaging Service sends until it has
 *                 counted), so Drip's own count stands
 */
public record Accepted(String providerMessageId, Integer segments, Price price) {

    public Accepted {
        segments = segments != null && segments > 0 ? segments : null;
    }

    /** Accepted without a price. */
    public Accepted(String providerMessageId, Integer segments) {
        this(providerMessageId, segments, null);
    }
}
