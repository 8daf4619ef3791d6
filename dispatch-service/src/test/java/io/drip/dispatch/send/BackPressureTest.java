package io.drip.dispatch.send;

import static io.drip.dispatch.Sends.contactWith;
import static io.drip.dispatch.Sends.is;
import static io.drip.dispatch.Sends.randomNumber;
import static io.drip.dispatch.Sends.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.dispatch.twilio.TwilioStandIn;
import io.drip.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A provider that takes 2 s per message: the consumer keeps queueing at Kafka's pace, and no
 * more than drip.dispatch.lanes calls are in flight at once.
 */
@QuarkusTest
@QuarkusTestResource(TwilioStandIn.class)
class BackPressureTest {

    @Inject
    Pool pool;

    @ConfigProperty(name = "drip.dispatch.lanes")
    int lanes;

    private long queued(List<SendCommand> commands) {
        return pool.preparedQuery("select count(*) as n from outgoing_message where message_id = any($1)")
                .execute(Tuple.of(commands.stream().map(SendCommand::messageId).toArray(String[]::new)))
                .await().indefinitely().iterator().next().getLong("n");
    }

    @Test
    void aSlowProviderNeitherStopsTheConsumerNorGetsMoreThanTheLanesAtOnce() throws Exception {
        String contactId = contactWith(randomNumber("+4477007"));
        List<SendCommand> commands = new ArrayList<>();
        TwilioStandIn.delayMillis = 2000;
        TwilioStandIn.MAX_IN_FLIGHT.set(0);
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            for (int i = 0; i < 24; i++) {
                commands.add(send(contactId, "slow " + i));
            }
            // all queued long before the provider could have taken them (24 × 2 s / lanes)
            Instant deadline = Instant.now().plusSeconds(5);
            while (queued(commands) < commands.size() && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertEquals(commands.size(), queued(commands), "the consumer queued every command while the provider was slow");
            for (SendCommand command : commands) {
                deliveries.await(r -> is(r, command.messageId(), "sent"), Duration.ofSeconds(60));
            }
        } finally {
            TwilioStandIn.delayMillis = 0;
        }
        int max = TwilioStandIn.MAX_IN_FLIGHT.get();
        assertTrue(max <= lanes, max + " calls in flight at once, more than the " + lanes + " lanes");
        assertTrue(max > 1, "lanes call the provider concurrently, saw at most " + max);
    }
}
