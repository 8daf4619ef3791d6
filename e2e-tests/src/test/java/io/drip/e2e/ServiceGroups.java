package io.drip.e2e;

import io.drip.testing.ConsumerGroups;
import java.util.LinkedHashMap;
import java.util.Map;

/** The consumer channels of the four services, so that services started for one run see only what it produces. */
final class ServiceGroups {
    /** Each service's consumer channels (group suffix and topic). */
    private static final Map<String, Map<String, String>> CHANNELS = Map.of(
            "contact-service", Map.of("events", "drip.events.v1", "clicks", "drip.clicks.v1"),
            "journey-service", Map.of("events", "drip.events.v1", "contacts", "drip.contacts.v1",
                    "deliveries", "drip.deliveries.v1", "clicks", "drip.clicks.v1", "inbound", "drip.inbound.v1"),
            "dispatch-service", Map.of("sends", "drip.sends.v1", "contacts", "drip.contacts.v1"),
            "tracking-service", Map.of("sends", "drip.sends.v1", "contacts", "drip.contacts.v1"));

    private ServiceGroups() {
    }

    /** Starts the groups {@code <run>-<service>.<channel>} at the current end of their topics. */
    static void startAtEnd(String run) throws Exception {
        Map<String, String> groups = new LinkedHashMap<>();
        CHANNELS.forEach((service, channels) -> channels.forEach(
                (channel, topic) -> groups.put(run + "-" + service + "." + channel, topic)));
        ConsumerGroups.startAtEnd(groups);
    }
}
