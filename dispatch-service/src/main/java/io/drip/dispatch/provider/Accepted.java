package io.drip.dispatch.provider;

/**
 * A provider took the message: its id for it (receipts refer to it) and, when it says, the
 * segments it counted and what it charged.
 */
public record Accepted(String providerMessageId, Integer segments, Price price) {

    /** Accepted without a price. */
    public Accepted(String providerMessageId, Integer segments) {
        this(providerMessageId, segments, null);
    }
}
