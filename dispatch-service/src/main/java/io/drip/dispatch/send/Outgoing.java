package io.drip.dispatch.send;

import java.time.Instant;

/** A message waiting to leave: what the worker needs of an outgoing_message row. */
public record Outgoing(String messageId, String contactId, String category, String text, Instant createdAt) {
}
