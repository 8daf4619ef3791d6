package io.drip.dispatch.send;

import io.drip.dispatch.policy.SendWindow;
import io.drip.dispatch.text.SmsText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A message waiting to leave: what the worker needs of an outgoing_message row.
 *
 * @param window    the journey's send window, null for the default
 * @param createdAt when the command was made (its age counts from then)
 * @param queuedAt  when dispatch queued it
 * @param ageFrom   where its age for max-age counts from: its creation or not-before, moved forward
 *                  by every wait Drip's own rules imposed on it
 * @param pinnedProvider the only provider that may carry it (it may have it already), null for any
 * @param answersInbound whether it is a keyword's reply (an opt-out confirmation, HELP), which
 *                       carriers require whatever the consent
 * @param tags      the command's tags, for the caps per tag
 * @param media     the image URLs of an MMS; empty: an SMS
 */
public record Outgoing(String messageId, String contactId, String category, String text, SendWindow window,
        Instant createdAt, Instant queuedAt, Instant ageFrom, String pinnedProvider, boolean answersInbound,
        List<String> tags, List<String> media) {

    public Outgoing {
        media = List.copyOf(media);
    }

    /** Whether it goes as an MMS: it carries media. */
    public boolean mms() {
        return !media.isEmpty();
    }

    /** What it counts (and is billed) as: an MMS is one message whatever its text, an SMS its segments. */
    public int segments(SmsText sms) {
        return mms() ? 1 : sms.segments();
    }

    /**
     * The message as it waits from {@code now} until {@code until} by Drip's own rule (quiet
     * hours, a day without marketing, its route's rate): the wait does not count against its age.
     */
    public Outgoing heldBack(Instant now, Instant until) {
        Duration wait = until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
        return new Outgoing(messageId, contactId, category, text, window, createdAt, queuedAt, ageFrom.plus(wait),
                pinnedProvider, answersInbound, tags, media);
    }
}
