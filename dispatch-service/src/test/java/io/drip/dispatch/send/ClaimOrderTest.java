package io.drip.dispatch.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.SendCommand;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Due transactional messages are claimed before due marketing ones, however much longer the
 * marketing backlog has waited: an order confirmation never queues behind a campaign.
 */
@QuarkusTest
class ClaimOrderTest {

    @Inject
    Pool pool;

    @Inject
    OutgoingMessages outgoing;

    /** Queues a message due at {@code due}, straight into the table, as the consumer would. */
    private Uni<Void> queue(SqlClient tx, String messageId, String category, Instant due) {
        return tx.preparedQuery("""
                        insert into outgoing_message (message_id, idempotency_key, contact_id, category, text, command,
                          status, next_attempt_at, created_at, age_from)
                        values ($1, $1, 'claim-order-contact', $2, 'hi', '{}', 'pending', $3, $3, $3)""")
                .execute(Tuple.of(messageId, category, due.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    @Test
    void aTransactionalMessageIsClaimedBeforeAnOlderMarketingBacklog() {
        // due an hour from now, so the running dispatcher leaves them alone; claimed as of two hours from now
        Instant base = Instant.now().plus(1, ChronoUnit.HOURS);
        String run = UUID.randomUUID().toString();
        List<String> marketing = List.of(run + "-m1", run + "-m2", run + "-m3");
        String transactional = run + "-t";
        List<Outgoing> claimed = pool.withConnection(db -> db.begin().chain(tx -> queue(db, marketing.get(0),
                        SendCommand.MARKETING, base)
                .chain(() -> queue(db, marketing.get(1), SendCommand.MARKETING, base.plusSeconds(1)))
                .chain(() -> queue(db, marketing.get(2), SendCommand.MARKETING, base.plusSeconds(2)))
                .chain(() -> queue(db, transactional, SendCommand.TRANSACTIONAL, base.plusSeconds(60)))
                .chain(() -> outgoing.claimDue(db, base.plus(1, ChronoUnit.HOURS), 1000))
                .call(tx::rollback)))
                .await().indefinitely();

        List<String> ids = claimed.stream().map(Outgoing::messageId).toList();
        assertTrue(ids.containsAll(marketing) && ids.contains(transactional), "claimed " + ids);
        int lastTransactional = -1;
        int firstMarketing = claimed.size();
        for (int i = 0; i < claimed.size(); i++) {
            if (SendCommand.MARKETING.equals(claimed.get(i).category())) {
                firstMarketing = Math.min(firstMarketing, i);
            } else {
                lastTransactional = i;
            }
        }
        assertTrue(lastTransactional < firstMarketing, "every transactional message before any marketing one: " + ids);
        // and within a kind, the most overdue first
        assertEquals(marketing, ids.stream().filter(marketing::contains).toList());

        // a claim smaller than the transactional backlog takes only transactional messages
        List<Outgoing> one = pool.withConnection(db -> db.begin().chain(tx -> queue(db, marketing.get(0),
                        SendCommand.MARKETING, base)
                .chain(() -> queue(db, transactional, SendCommand.TRANSACTIONAL, base.plusSeconds(60)))
                .chain(() -> outgoing.claimDue(db, base.plus(1, ChronoUnit.HOURS), 1))
                .call(tx::rollback)))
                .await().indefinitely();
        assertEquals(SendCommand.TRANSACTIONAL, one.get(0).category());
    }
}
