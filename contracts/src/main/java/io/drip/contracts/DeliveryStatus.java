package io.drip.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A status change of one message, on {@code drip.deliveries.v1}.
 *
 * @param status   queued, sent, delivered, failed, undelivered or suppressed
 * @param reason   why (e.g. opted_out, quiet_hours, cap), null when nothing to explain
 * @param segments SMS segments billed, when known
 * @param cost     what sending it cost, when known (on {@code sent}), in {@code currency}
 * @param currency ISO 4217 code of {@code cost}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeliveryStatus(
        String messageId,
        String contactId,
        String status,
        String reason,
        String provider,
        String providerMessageId,
        Integer segments,
        Instant at,
        BigDecimal cost,
        String currency) {

    /** A status change without a cost. */
    public DeliveryStatus(String messageId, String contactId, String status, String reason, String provider,
            String providerMessageId, Integer segments, Instant at) {
        this(messageId, contactId, status, reason, provider, providerMessageId, segments, at, null, null);
    }

    public static final String QUEUED = "queued";
    public static final String SENT = "sent";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final String UNDELIVERED = "undelivered";
    public static final String SUPPRESSED = "suppressed";
}
