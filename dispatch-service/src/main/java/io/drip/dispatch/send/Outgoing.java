package io.drip.dispatch.send;

import io.drip.dispatch.policy.SendWindow;
import java.time.Instant;

/**
 * A message waiting to leave: what the worker needs of an outgoing_message row.
 *
 * @param window    the journey's send window, null for the default
 * @param createdAt when the command was made (its age counts from then)
 * @param queuedAt  when dispatch queued it
 * @param pinnedProvider the only provider that may carry it (it may have it already), null for any
 * @param answersInbound whether it is a keyword's reply (an opt-out confirmation, HELP), which
 *                       carriers require whatever the consent
 */
public record Outgoing(String messageId, String contactId, String category, String text, SendWindow window,
        Instant createdAt, Instant queuedAt, String pinnedProvider, boolean answersInbound) {
}
