package io.drip.dispatch.provider;

import io.drip.dispatch.text.SmsText;

/**
 * One message handed to a provider. {@code messageId} is Drip's id, which providers that can
 * pass it along (as an idempotency key or a reference) do.
 *
 * @param sms the text as sent, with its encoding and segments
 */
public record Submission(String messageId, String to, SmsText sms) {

    public String text() {
        return sms.text();
    }
}
