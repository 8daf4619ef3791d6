package io.drip.tracking.click;

import io.drip.contracts.Click;
import io.drip.tracking.link.Link;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A click as the redirect saw it, before the writer checks it against the message's delivery.
 *
 * @param ip        as stored: anonymised where configured
 * @param country   from the full address before anonymising, null if unknown
 * @param botReason what the request itself gave away (agent, method, prefetch), null if nothing
 */
public record ClickAttempt(UUID clickId, Link link, Instant at, String method, String ip, String country,
        String userAgent, Agent agent, String botReason) {

    /** The final reason, once the delivery time of the message is known (null: not delivered yet). */
    public String botReasonGiven(Instant deliveredAt, Duration minHumanDelay) {
        if (botReason != null) {
            return botReason;
        }
        return deliveredAt != null && at.isBefore(deliveredAt.plus(minHumanDelay)) ? BotReason.TOO_SOON_AFTER_DELIVERY
                : null;
    }

    public Click toClick(String finalBotReason) {
        return new Click(clickId.toString(), link.code(), link.messageId(), link.contactId(), link.journeyId(), link.stepId(),
                link.variant(), at, ip, userAgent, finalBotReason == null ? agent.device() : "bot",
                finalBotReason != null, country);
    }
}
