package io.drip.dispatch.provider;

/**
 * A provider took the message: its id for it (receipts refer to it) and, when it says, the
 * segments it counted.
 */
public record Accepted(String providerMessageId, Integer segments) {
}
