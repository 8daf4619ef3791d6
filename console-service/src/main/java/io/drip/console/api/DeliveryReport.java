package io.drip.console.api;

import java.math.BigDecimal;
import java.util.Map;

/**
 * dispatch-service's delivery report ({@code GET /v1/reports/deliveries}): the selected messages'
 * counts by status, reason, provider, country, region, carrier and why queued ones wait; segments,
 * cost by currency, time from sent to delivered.
 */
public record DeliveryReport(long messages, long segments, Map<String, BigDecimal> cost,
        Map<String, Map<String, Long>> counts, Latency timeToDelivered, Double deliveredWithin10s) {

    /** Seconds from sent to delivered; null while nothing was delivered. */
    public record Latency(Double p50, Double p90, Double p99) {
    }
}
