package io.drip.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An SMS a contact sent to us, on {@code drip.inbound.v1}. {@code inboundId} is the provider's
 * id of the message, the idempotency key.
 *
 * @param keyword the recognised keyword (e.g. STOP, TD, START, HELP), null when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record InboundSms(
        String inboundId,
        String contactId,
        String from,
        String to,
        String text,
        String keyword,
        String provider,
        Instant at) {
}
