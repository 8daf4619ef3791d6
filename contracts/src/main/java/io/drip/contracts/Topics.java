package io.drip.contracts;

import java.util.List;

/** Kafka topic names of DESIGN.md. Every topic but the DLQs is keyed by contactId. */
public final class Topics {
    public static final String EVENTS = "drip.events.v1";
    public static final String CONTACTS = "drip.contacts.v1";
    public static final String SENDS = "drip.sends.v1";
    public static final String DELIVERIES = "drip.deliveries.v1";
    public static final String CLICKS = "drip.clicks.v1";
    public static final String INBOUND = "drip.inbound.v1";

    public static final List<String> ALL = List.of(EVENTS, CONTACTS, SENDS, DELIVERIES, CLICKS, INBOUND);

    private Topics() {
    }

    /** The dead-letter topic where a consumer parks a poison record of {@code topic}. */
    public static String dlq(String topic) {
        return topic + ".dlq";
    }
}
