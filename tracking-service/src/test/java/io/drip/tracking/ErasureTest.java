package io.drip.tracking;

import static io.drip.tracking.Sends.IPHONE;
import static io.drip.tracking.Sends.WAIT;
import static io.drip.tracking.Sends.awaitRegistered;
import static io.drip.tracking.Sends.code;
import static io.drip.tracking.Sends.noRedirects;
import static io.drip.tracking.Sends.produce;
import static io.drip.tracking.Sends.viewer;
import static io.drip.tracking.Sends.withLink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.Click;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.ConsumerGroups;
import io.drip.testing.Rows;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tombstone on drip.contacts.v1 (the contact was erased) anonymises its links and clicks. */
@QuarkusTest
class ErasureTest {

    @Inject
    Pool pool;

    /** The tombstones are read once the service holds drip.contacts.v1 (a restart's rebalance can take 30 s). */
    @BeforeEach
    void tombstonesAreRead() throws Exception {
        ConsumerGroups.awaitAssigned("tracking-service.contacts", Topics.CONTACTS, Duration.ofSeconds(90));
    }

    private List<Row> clicks(String code) {
        return Rows.of(pool, "select ip, user_agent, device from click where code = $1", code);
    }

    @Test
    void anErasedContactsClicksLoseAddressAndAgentAndItsLinksStillRedirect() {
        String contactId = "c-" + UUID.randomUUID();
        String code = code();
        SendCommand send = produce(withLink(contactId, code, "https://shop.example/p", Instant.now(), false));
        awaitRegistered(code);
        noRedirects().header("User-Agent", IPHONE).get("/" + code).then().statusCode(302);
        Awaitility.await().atMost(WAIT).until(() -> clicks(code).size() == 1);
        assertEquals(IPHONE, clicks(code).get(0).getString("user_agent"));

        TopicProbe.produce(Topics.CONTACTS, contactId, null);

        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertNull(clicks(code).get(0).getString("user_agent")));
        Row click = clicks(code).get(0);
        assertNull(click.getString("ip"));
        assertEquals("mobile", click.getString("device"), "kept for click counts by device");
        String pseudonym = viewer().get("/v1/links/" + code).then().statusCode(200).extract().path("contactId");
        assertTrue(pseudonym.startsWith("erased-"), pseudonym);
        assertEquals(send.messageId(), viewer().get("/v1/links/" + code).then().extract().path("messageId"));

        // the link of the message already sent still redirects, and its clicks no longer name the contact
        try (var published = TopicProbe.watch(Topics.CLICKS)) {
            noRedirects().header("User-Agent", IPHONE).get("/" + code).then().statusCode(302);
            Click later = MessageJson.read(published.await(r -> r.value().contains(code), WAIT).value(), Click.class);
            assertEquals(pseudonym, later.contactId());
            assertNotEquals(contactId, later.contactId());
        }
    }

    @Test
    void theLinksOfASendCommandThatArrivesAfterTheTombstoneAreNotRegistered() {
        String contactId = "c-" + UUID.randomUUID();
        String before = code();
        produce(withLink(contactId, before, "https://shop.example/before", Instant.now(), false));
        awaitRegistered(before);
        Instant beforeTheErasure = Instant.now();
        TopicProbe.produce(Topics.CONTACTS, contactId, null);
        // the tombstone has been applied once the earlier link names a pseudonym
        Awaitility.await().atMost(WAIT).until(() -> ((String) viewer().get("/v1/links/" + before).then().extract()
                .path("contactId")).startsWith("erased-"));

        String late = code();
        produce(withLink(contactId, late, "https://shop.example/late?email=ada@example.com", beforeTheErasure, false));

        Awaitility.await().during(Duration.ofSeconds(6)).atMost(WAIT).until(() ->
                viewer().get("/v1/links/" + late).then().extract().statusCode() == 404
                        && Rows.of(pool, "select 1 from link where contact_id = $1", contactId).isEmpty());
    }

}
