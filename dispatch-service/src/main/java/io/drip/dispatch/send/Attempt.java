package io.drip.dispatch.send;

import io.drip.dispatch.text.SmsText;

/**
 * One committed attempt to hand a message to a provider: the message is 'sending' with this
 * route and provider until the outcome is recorded.
 *
 * @param sms the text as sent (with its compliance text), its encoding and segments
 */
public record Attempt(Outgoing message, String to, SmsText sms, String route, String provider, int number) {
}
