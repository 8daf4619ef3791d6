package io.drip.console.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * dispatch-service's delivery report ({@code GET /v1/reports/deliveries}): the selected messages'
 * counts by status, reason, provider, country, region, carrier and why queued ones wait; segments,
 * MMS sent, cost by currency, time from sent to delivered (percentiles and distribution), and the messages by
 * status over time.
 */
public record DeliveryReport(long messages, long segments, long mms, Map<String, BigDecimal> cost,
        Map<String, Map<String, Long>> counts, Latency timeToDelivered, Double deliveredWithin10s,
        List<Duration> timesToDelivered, String every, List<Bucket> overTime) {

    /** Delivered messages that took more than the previous bound and at most {@code upTo} seconds (null: no bound). */
    public record Duration(Integer upTo, long messages) {
    }

    /** The messages created in the bucket starting {@code at}, by their status now. */
    public record Bucket(String at, long messages, Map<String, Long> byStatus) {
    }

    /** Seconds from sent to delivered; null while nothing was delivered. */
    public record Latency(Double p50, Double p90, Double p99) {
    }
}
