package io.drip.dispatch.route;

import static io.drip.dispatch.Sends.contactWith;
import static io.drip.dispatch.Sends.randomNumber;
import static io.drip.dispatch.Sends.send;
import static io.drip.dispatch.Sends.status;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.dispatch.twilio.TwilioStandIn;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Route "failover" is twilio then sandbox. Twilio's stand-in answers 503 for a minute while
 * messages keep coming: its breaker opens, traffic moves to the sandbox, and back once Twilio
 * recovers; every message is sent exactly once, by one provider or the other.
 */
@QuarkusTest
@QuarkusTestResource(TwilioStandIn.class)
class FailoverTest {
    private static final Duration OUTAGE = Duration.ofSeconds(60);

    @Test
    void aProviderFailingForAMinuteLosesNothingAndSendsNothingTwice() throws Exception {
        List<String> phones = new ArrayList<>();
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            phones.add(randomNumber("+4477009"));
            contacts.add(contactWith(phones.get(i)));
        }
        Map<String, String> textOf = new HashMap<>();
        Instant outageStart;
        Instant outageEnd;
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            outageStart = Instant.now();
            outageEnd = outageStart.plus(OUTAGE);
            TwilioStandIn.failUntil = outageEnd;
            int n = 0;
            // messages keep coming through the outage and for 10 s after it
            while (Instant.now().isBefore(outageEnd.plusSeconds(10))) {
                String text = "m" + n + "-" + UUID.randomUUID();
                SendCommand command = send(contacts.get(n % contacts.size()), text);
                textOf.put(command.messageId(), text);
                n++;
                Thread.sleep(250);
            }
            // every message ends up sent, once
            Instant deadline = Instant.now().plusSeconds(60);
            Map<String, List<DeliveryStatus>> sent;
            do {
                sent = deliveries.all(r -> textOf.containsKey(status(r).messageId())
                        && status(r).status().equals(DeliveryStatus.SENT), Duration.ofSeconds(1)).stream()
                        .map(r -> status(r)).collect(Collectors.groupingBy(DeliveryStatus::messageId));
            } while (sent.size() < textOf.size() && Instant.now().isBefore(deadline));
            assertEquals(textOf.size(), sent.size(), "every message is sent");
            sent.forEach((id, statuses) -> assertEquals(1, statuses.size(), "one 'sent' for " + id));
            var failed = deliveries.all(r -> textOf.containsKey(status(r).messageId())
                    && List.of("failed", "suppressed").contains(status(r).status()), Duration.ZERO);
            assertTrue(failed.isEmpty(), "none failed: " + failed);

            // each text reached exactly one provider exactly once
            List<String> atProviders = new ArrayList<>();
            TwilioStandIn.TAKEN.stream().filter(t -> phones.contains(t.to())).forEach(t -> atProviders.add(t.body()));
            for (String phone : phones) {
                atProviders.addAll(given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER))
                        .queryParam("to", phone).queryParam("limit", 500).get("/v1/sandbox/messages")
                        .then().statusCode(200).extract().jsonPath().getList("text", String.class));
            }
            Map<String, Long> copies = atProviders.stream().collect(Collectors.groupingBy(t -> t, Collectors.counting()));
            for (String text : textOf.values()) {
                assertEquals(1L, copies.getOrDefault(text, 0L), "copies of " + text + " at the providers");
            }

            // traffic moved to the sandbox during the outage and came back to Twilio after it
            var byProvider = sent.values().stream().map(s -> s.get(0))
                    .collect(Collectors.groupingBy(DeliveryStatus::provider, Collectors.counting()));
            assertTrue(byProvider.getOrDefault("sandbox", 0L) > 0, "sandbox took over: " + byProvider);
            var lastSent = sent.values().stream().map(s -> s.get(0)).filter(s -> s.at().isAfter(outageEnd.plusSeconds(8)))
                    .toList();
            assertTrue(!lastSent.isEmpty() && lastSent.stream().allMatch(s -> s.provider().equals("twilio")),
                    "after the outage Twilio carries the route again: " + lastSent);
            // the breaker kept most messages away from the failing provider
            long sentDuringOutage = sent.values().stream().map(s -> s.get(0)).filter(s -> s.at().isBefore(outageEnd)).count();
            assertTrue(TwilioStandIn.failures < sentDuringOutage,
                    TwilioStandIn.failures + " calls to failing Twilio for " + sentDuringOutage + " messages");
        } finally {
            TwilioStandIn.failUntil = Instant.MIN;
        }
    }
}
