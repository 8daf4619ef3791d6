package io.drip.tracking;

import static io.drip.tracking.Sends.IPHONE;
import static io.drip.tracking.Sends.awaitRegistered;
import static io.drip.tracking.Sends.code;
import static io.drip.tracking.Sends.produce;
import static io.drip.tracking.Sends.withLink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.Click;
import io.drip.contracts.MessageJson;
import io.drip.contracts.Topics;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Click batches that nobody published (their instance stopped, or the broker was away longer than
 * the publisher tries) are published from PostgreSQL by ClickRecovery, once old enough that no
 * instance is still trying, and their row is deleted; younger ones are left to their publisher.
 */
@QuarkusTest
class ClickRecoveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    private UUID storedClick(String code, Instant at) {
        UUID clickId = UUID.randomUUID();
        pool.preparedQuery("""
                        insert into click (click_id, code, at, ip, user_agent, method, device, os, browser, bot, country)
                        values ($1, $2, $3, '203.0.113.0', $4, 'GET', 'mobile', 'iOS', 'Mobile Safari', false, 'NL')""")
                .execute(Tuple.of(clickId, code, at.atOffset(ZoneOffset.UTC), IPHONE)).await().indefinitely();
        return clickId;
    }

    private long batch(UUID clickId, Duration age) {
        return pool.preparedQuery("insert into click_batch (click_ids, created_at) values ($1, now() - $2::bigint * interval '1 second') returning id")
                .execute(Tuple.of(new UUID[] {clickId}, age.toSeconds())).await().indefinitely().iterator().next()
                .getLong(0);
    }

    private boolean batchLeft(long id) {
        return pool.preparedQuery("select 1 from click_batch where id = $1").execute(Tuple.of(id))
                .await().indefinitely().size() == 1;
    }

    @Test
    void aBatchLeftUnpublishedIsPublishedFromPostgresqlAndItsRowDeleted() {
        String contactId = "c-" + UUID.randomUUID();
        String code = code();
        var send = produce(withLink(contactId, code, "https://shop.example/", Instant.now(), false));
        awaitRegistered(code);
        Instant at = Instant.parse("2026-11-25T12:00:00Z");
        UUID left = storedClick(code, at);
        UUID young = storedClick(code, at);
        try (var clicks = TopicProbe.watch(Topics.CLICKS)) {
            long leftBatch = batch(left, Duration.ofMinutes(5));
            long youngBatch = batch(young, Duration.ZERO);

            Click click = MessageJson.read(clicks.await(r -> contactId.equals(r.key()), WAIT).value(), Click.class);
            assertEquals(left.toString(), click.clickId());
            assertEquals(code, click.code());
            assertEquals(send.messageId(), click.messageId());
            assertEquals("welcome", click.journeyId());
            assertEquals(at, click.at());
            assertEquals("mobile", click.device());
            assertEquals("NL", click.country());
            assertFalse(click.bot());
            Awaitility.await().atMost(WAIT).until(() -> !batchLeft(leftBatch));

            // the young batch is some publisher's own for now
            assertTrue(batchLeft(youngBatch), "a batch younger than click-republish-after is left alone");
            assertTrue(clicks.all(r -> contactId.equals(r.key()), Duration.ofSeconds(6)).stream()
                    .noneMatch(r -> r.value().contains(young.toString())), "the young batch was not published");
        }
    }
}
