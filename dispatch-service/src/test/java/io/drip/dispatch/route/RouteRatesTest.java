package io.drip.dispatch.route;

import static io.drip.dispatch.Sends.command;
import static io.drip.dispatch.Sends.contactWith;
import static io.drip.dispatch.Sends.is;
import static io.drip.dispatch.Sends.randomNumber;
import static io.drip.dispatch.Sends.send;
import static io.drip.dispatch.Sends.sendMarketing;
import static io.drip.dispatch.Sends.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.ServiceMetrics;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A route's rate holds across replicas: never more than N in any one-second window. */
@QuarkusTest
class RouteRatesTest {

    @Inject
    RouteRates rates;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    /** The largest number of instants that fall in any window [t, t + 1 s). */
    static int busiestSecond(List<Instant> times) {
        List<Instant> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        int busiest = 0;
        for (int i = 0, j = 0; i < sorted.size(); i++) {
            while (j < sorted.size() && sorted.get(j).isBefore(sorted.get(i).plusSeconds(1))) {
                j++;
            }
            busiest = Math.max(busiest, j - i);
        }
        return busiest;
    }

    /**
     * One lane of a replica: takes up to three slots at a time (as a batch of messages does) as
     * fast as it can until {@code end}, "calls" (releases them at once), and collects when it got
     * them.
     */
    private Uni<Void> taker(Pool replica, String route, Instant end, List<Instant> taken) {
        if (Instant.now().isAfter(end)) {
            return Uni.createFrom().voidItem();
        }
        return replica.withTransaction(tx -> rates.take(tx, route, 3))
                .chain(slots -> replica.withTransaction(tx -> rates.releaseAll(tx, slots))
                        .invoke(() -> slots.forEach(slot -> taken.add(slot.takenAt()))))
                .chain(() -> taker(replica, route, end, taken));
    }

    @Test
    void twoReplicasTogetherNeverExceedTheRateInAnySecond() {
        // a second replica is a second connection pool on the same database
        PgConnectOptions options = PgConnectOptions.fromUri(url.replace("vertx-reactive:", "")).setUser("drip").setPassword("drip");
        Pool other = Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(options)
                .using(vertx.getDelegate()).build());
        String route = "rate-test-" + UUID.randomUUID();
        int rate = 5;
        pool.withTransaction(tx -> rates.size(tx, new Route(route, List.of(), List.of(), List.of("sandbox"), rate, null, null)))
                .await().indefinitely();
        List<Instant> taken = Collections.synchronizedList(new ArrayList<>());
        Instant end = Instant.now().plusSeconds(4);
        List<Uni<Void>> takers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            takers.add(taker(pool, route, end, taken));
            takers.add(taker(other, route, end, taken));
        }
        try {
            Uni.join().all(takers).andFailFast().await().atMost(Duration.ofSeconds(30));
        } finally {
            other.closeAndAwait();
        }
        assertTrue(busiestSecond(taken) <= rate, "busiest second: " + busiestSecond(taken) + " of " + taken);
        // and the limiter lets the rate through, not much less: 4 s at 5/s
        assertTrue(taken.size() >= 3 * rate, "took " + taken.size());
    }

    @Test
    void messagesOnASlowRouteLeaveAtItsRate() {
        // route "slow" (+4477008) carries 5 messages per second
        ServiceMetrics before = ServiceMetrics.scrape();
        String contactId = contactWith(randomNumber("+4477008"));
        List<SendCommand> commands = new ArrayList<>();
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            for (int i = 0; i < 20; i++) {
                commands.add(send(contactId, "rate " + i));
            }
            for (SendCommand command : commands) {
                deliveries.await(r -> is(r, command.messageId(), "sent"), Duration.ofSeconds(30));
            }
        }
        List<Instant> atSandbox = pool.preparedQuery("select created_at from sandbox_message where message_id = any($1)")
                .execute(Tuple.of(commands.stream().map(SendCommand::messageId).toArray(String[]::new)))
                .await().indefinitely().stream().map(row -> row.getOffsetDateTime("created_at"))
                .map(OffsetDateTime::toInstant).toList();
        assertEquals(20, atSandbox.size());
        assertTrue(busiestSecond(atSandbox) <= 5, "busiest second at the provider: " + busiestSecond(atSandbox));
        // the wait shows in the route's rate-limiter metric, and only there
        ServiceMetrics after = ServiceMetrics.scrape();
        assertTrue(after.since(before, "drip_dispatch_rate_wait_seconds_count", "route", "slow") > 0);
        assertTrue(after.since(before, "drip_dispatch_rate_wait_seconds_sum", "route", "slow") > 0);
        assertEquals(0, after.since(before, "drip_dispatch_rate_wait_seconds_count", "route", "default"));
        double putBack = after.since(before, "drip_dispatch_rate_wait_seconds_count", "route", "slow");
        assertTrue(putBack <= 3 * commands.size(), "put back " + putBack + " times for " + commands.size() + " messages");
    }

    @Test
    void aTransactionalMessageLeavesBeforeAMarketingBlastOnItsRoute() {
        // route "slow" (+4477008) carries 5 messages per second: 20 marketing messages take 4 s
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            contacts.add(contactWith(randomNumber("+4477008")));
        }
        // the order measured is the route's, not the arrival of snapshots (a late one holds a message back)
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pool
                .preparedQuery("select count(*) from contact_snapshot where id = any($1)")
                .execute(Tuple.of(contacts.toArray(new String[0]))).await().indefinitely()
                .iterator().next().getLong(0) == contacts.size());
        ServiceMetrics before = ServiceMetrics.scrape();
        List<String> ids = new ArrayList<>();
        SendCommand confirmation;
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            for (int i = 0; i < 20; i++) {
                ids.add(sendMarketing(contacts.get(i), "blast " + i).messageId());
            }
            confirmation = send(contacts.get(20), "your order is confirmed");
            ids.add(confirmation.messageId());
            for (String id : ids) {
                deliveries.await(r -> is(r, id, "sent"), Duration.ofSeconds(60));
            }
        }
        List<String> submitted = pool.preparedQuery(
                        "select message_id from sandbox_message where message_id = any($1) order by created_at")
                .execute(Tuple.of(ids.toArray(new String[0]))).await().indefinitely()
                .stream().map(row -> row.getString("message_id")).toList();
        assertEquals(21, submitted.size());
        // queued last, it takes one of the route's next free slots instead of waiting for the blast to
        // leave (first in, first out it would be number 21): at least a second of the blast leaves after it
        assertTrue(submitted.indexOf(confirmation.messageId()) < 15, "submitted as number "
                + (submitted.indexOf(confirmation.messageId()) + 1) + " of 21");
        // a message waits for its turn in the route's queue, put back about once, not every moment
        // until a slot frees (this test's messages were put back over 200 times so)
        double putBack = ServiceMetrics.scrape().since(before, "drip_dispatch_rate_wait_seconds_count", "route", "slow");
        assertTrue(putBack <= 3 * ids.size(), "put back " + putBack + " times for " + ids.size() + " messages");
    }

    @Test
    void aMessageWaitingForItsRouteDoesNotAgeWhileItWaits() {
        // 20 messages on a 5/s route take 4 s; each is 2 s short of the maximum age (2 days) when
        // made, so about half would expire if the route's rate counted against their age
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            contacts.add(contactWith(randomNumber("+4477008")));
        }
        Instant almostTooOld = Instant.now().minus(Duration.ofDays(2)).plusSeconds(2);
        List<SendCommand> commands = new ArrayList<>();
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            for (String contactId : contacts) {
                SendCommand c = command(contactId, "k-" + UUID.randomUUID(), SendCommand.TRANSACTIONAL, "old " + contactId);
                SendCommand old = new SendCommand(c.messageId(), c.idempotencyKey(), contactId, c.journeyId(),
                        c.journeyVersion(), c.stepId(), c.variant(), c.channel(), c.category(), c.text(), c.links(),
                        null, null, almostTooOld);
                TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(old));
                commands.add(old);
            }
            for (SendCommand command : commands) {
                var outcome = status(deliveries.await(r -> status(r).messageId().equals(command.messageId())
                        && !status(r).status().equals(DeliveryStatus.QUEUED), Duration.ofSeconds(30)));
                assertEquals("sent", outcome.status(), command.text() + ": " + outcome.reason());
            }
        }
    }
}
