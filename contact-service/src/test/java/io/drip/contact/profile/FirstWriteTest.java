package io.drip.contact.profile;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.Topics;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Two identifies for a contact nobody has seen yet, at the same moment: there is no row to lock,
 * so without an exclusive first write both see "new", both publish version 1, and the projections
 * (which keep a contact's newest version) keep another phone than contact-service.
 */
@QuarkusTest
class FirstWriteTest {
    private static final int PAIRS = 40;
    private static final List<String> PHONES = List.of("+33612345601", "+33612345602");

    @Inject
    Pool pool;

    @Test
    void twoIdentifiesOfANewContactAtOnceLeaveTheProjectionsWithContactServicesPhone() throws Exception {
        List<String> ids = IntStream.range(0, PAIRS).mapToObj(i -> "first-" + UUID.randomUUID()).toList();
        try (var contacts = TopicProbe.watch(Topics.CONTACTS)) {
            identifyInPairs(ids);
            Map<String, ContactSnapshot> projected = projection(published(contacts, Set.copyOf(ids)));
            Map<String, String> mismatches = new TreeMap<>();
            for (String id : ids) {
                String held = pool.preparedQuery("select phone from contact where id = $1").execute(Tuple.of(id))
                        .await().indefinitely().iterator().next().getString("phone");
                if (!held.equals(projected.get(id).phone())) {
                    mismatches.put(id, "contact-service " + held + ", projection " + projected.get(id).phone());
                }
            }
            assertEquals(Map.of(), mismatches);
        }
    }

    /** Both identifies of a contact leave at once (a barrier per pair), all pairs together. */
    private static void identifyInPairs(List<String> ids) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2 * ids.size());
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (String id : ids) {
                CyclicBarrier together = new CyclicBarrier(2);
                for (String phone : PHONES) {
                    calls.add(threads.submit(() -> {
                        together.await();
                        given().auth().preemptive().basic(TestKeys.WRITE, "").contentType(ContentType.JSON)
                                .body("{\"userId\":\"" + id + "\",\"traits\":{\"phone\":\"" + phone + "\"}}")
                                .post("/v1/identify").then().statusCode(200);
                        return null;
                    }));
                }
            }
            for (Future<?> call : calls) {
                call.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** The snapshots of these contacts in the order published, once each identify has published one. */
    private static List<ConsumerRecord<String, String>> published(TopicProbe contacts, Set<String> ids) {
        Instant deadline = Instant.now().plusSeconds(60);
        List<ConsumerRecord<String, String>> seen;
        do {
            seen = contacts.all(record -> ids.contains(record.key()), Duration.ofMillis(500));
        } while (seen.size() < PHONES.size() * ids.size() && Instant.now().isBefore(deadline));
        assertEquals(PHONES.size() * ids.size(), seen.size(), "one snapshot per identify");
        return seen;
    }

    /** What a projection keeps (service-kit ContactSnapshots): per contact the first snapshot of its highest version. */
    private static Map<String, ContactSnapshot> projection(List<ConsumerRecord<String, String>> records) {
        Map<String, ContactSnapshot> kept = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            ContactSnapshot snapshot = MessageJson.read(record.value(), ContactSnapshot.class);
            kept.merge(record.key(), snapshot, (held, next) -> next.version() > held.version() ? next : held);
        }
        return kept;
    }
}
