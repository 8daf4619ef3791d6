package io.drip.dispatch.provider;

import io.drip.dispatch.text.SmsText;
import java.util.List;

/**
 * One message handed to a provider. {@code messageId} is Drip's id, which providers that can
 * pass it along (as an idempotency key or a reference) do.
 *
 * @param sms   the text as sent, with its encoding and segments
 * @param media image URLs to send with the text as one MMS (only to a provider that
 *              {@link SmsProvider#sendsMms}); empty: an SMS
 */
public record Submission(String messageId, String to, SmsText sms, List<String> media) {

    public String text() {
        return sms.text();
    }
}
