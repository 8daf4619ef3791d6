package io.drip.dispatch.send;

import io.drip.dispatch.provider.Submission;
import io.drip.dispatch.route.RouteRates;
import io.drip.dispatch.text.SmsText;

/**
 * One committed attempt to hand a message to a provider: the message is 'sending' with this
 * route and provider until the outcome is recorded.
 *
 * @param sms  the text as sent (with its compliance text), its encoding and segments
 * @param slot the route's rate slot held for the call; null for an attempt recovered after a
 *             crash (its slot frees itself when the lease runs out)
 */
public record Attempt(Outgoing message, String to, SmsText sms, String route, String provider, int number,
        RouteRates.Slot slot) {

    /** What is handed to the provider. */
    public Submission submission() {
        return new Submission(message.messageId(), to, sms, message.media());
    }
}
