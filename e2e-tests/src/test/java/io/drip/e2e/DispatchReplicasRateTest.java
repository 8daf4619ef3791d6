package io.drip.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.Topics;
import io.drip.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two dispatch-service replicas as two OS processes, one consumer group, one database, sending a
 * flood on a route limited to 5 messages per second (invariant 6: the rate holds across all
 * replicas together). The gateway stand-in sees when each call arrives and from which replica
 * (each calls its own path): no one-second window holds more than 5 calls, both replicas sent,
 * and every message was sent exactly once.
 */
class DispatchReplicasRateTest {
    private static final int RATE = 5;
    private static final int MESSAGES = 40;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private GatewayStandIn gateway;
    private DispatchReplicas replicas;

    @BeforeEach
    void start() throws Exception {
        gateway = GatewayStandIn.start();
        replicas = DispatchReplicas.fresh("drip_dispatch_e2e_rate");
    }

    @AfterEach
    void stop() {
        replicas.close();
        gateway.close();
    }

    @Test
    void twoReplicasTogetherNeverExceedTheRouteRateAndSendEachMessageOnce() throws Exception {
        Map<String, String> route = Map.of("DRIP_DEFAULT_ROUTE_RATE", String.valueOf(RATE));
        replicas.start(0, gateway.url("/replica-0"), route);
        replicas.start(1, gateway.url("/replica-1"), route);
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            Set<String> messageIds = new HashSet<>();
            for (int i = 0; i < MESSAGES; i++) {
                messageIds.add(DispatchReplicas.send(DispatchReplicas.contact(), "Your code is " + (1000 + i)));
            }
            Awaitility.await().atMost(WAIT).until(() -> gateway.requests().size() >= MESSAGES);

            List<DeliveryStatus> sent = DispatchReplicas.statuses(deliveries, messageIds, Duration.ofSeconds(5)).stream()
                    .filter(s -> s.status().equals(DeliveryStatus.SENT)).toList();
            assertEquals(messageIds, sent.stream().map(DeliveryStatus::messageId).collect(Collectors.toSet()));
            assertEquals(MESSAGES, sent.size(), "each message published sent once");

            List<GatewayStandIn.Request> requests = gateway.requests();
            assertEquals(MESSAGES, requests.size(), "one call per message: " + requests.size());
            assertEquals(messageIds, requests.stream().map(GatewayStandIn.Request::messageId).collect(Collectors.toSet()));
            Map<String, Long> byReplica = requests.stream()
                    .collect(Collectors.groupingBy(GatewayStandIn.Request::path, Collectors.counting()));
            assertEquals(Set.of("/replica-0", "/replica-1"), byReplica.keySet(), "both replicas sent: " + byReplica);

            List<Instant> arrivals = new ArrayList<>(requests.stream().map(GatewayStandIn.Request::receivedAt).toList());
            arrivals.sort(Comparator.naturalOrder());
            // a window of one second holding RATE + 1 calls would have its first and last less than 1 s apart
            for (int i = 0; i + RATE < arrivals.size(); i++) {
                Duration span = Duration.between(arrivals.get(i), arrivals.get(i + RATE));
                assertTrue(span.compareTo(Duration.ofSeconds(1)) >= 0, "calls " + i + ".." + (i + RATE)
                        + " arrived within " + span.toMillis() + " ms: " + byReplica);
            }
        }
    }
}
