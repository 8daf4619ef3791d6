package io.drip.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A status change of one message, on {@code drip.deliveries.v1}.
 *
 * @param status   queued, sent, delivered, failed, undelivered or suppressed
 * @param reason   why (e.g. opted_out, quiet_hours, cap), null when nothing to explain
 * @param segments SMS segments billed, when known
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
        Instant at) {

    public static final String QUEUED = "queued";
    public static final String SENT = "sent";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final String UNDELIVERED = "undelivered";
    public static final String SUPPRESSED = "suppressed";
}
