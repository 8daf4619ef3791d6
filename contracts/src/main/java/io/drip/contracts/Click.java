package io.drip.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A click on a short link, on {@code drip.clicks.v1}. {@code clickId} is the idempotency key.
 *
 * @param ip     the client address, anonymised where configured
 * @param device e.g. mobile, desktop, bot
 * @param bot    true for link-preview bots and crawlers, which do not count as human clicks
 * @param country ISO 3166-1 alpha-2 code of the client address, where tracking-service has a
 *                local IP database (absent otherwise)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Click(
        String clickId,
        String code,
        String messageId,
        String contactId,
        String journeyId,
        String stepId,
        String variant,
        Instant at,
        String ip,
        String userAgent,
        String device,
        boolean bot,
        String country) {
}
