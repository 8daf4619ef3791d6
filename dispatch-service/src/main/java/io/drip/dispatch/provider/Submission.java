package io.drip.dispatch.provider;

/**
 * One message handed to a provider. {@code messageId} is Drip's id, which providers that can
 * pass it along (as an idempotency key or a reference) do.
 */
public record Submission(String messageId, String to, String text) {
}
