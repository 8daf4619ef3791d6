package io.drip.dispatch.send;

import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.Topics;
import io.drip.dispatch.metrics.DispatchMetrics;
import io.drip.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneOffset;

/**
 * Announces a status change of a message: on drip.deliveries.v1 through the outbox, and in the
 * message's history (GET /v1/messages/{id}), in the caller's transaction, and in
 * {@code drip_sends_total} once that transaction commits. The record continues the trace of the
 * send command the message came from.
 */
@ApplicationScoped
public class StatusChanges {

    @Inject
    Outbox outbox;

    @Inject
    DispatchMetrics metrics;

    public Uni<Void> publish(SqlClient tx, DeliveryStatus change) {
        return tx.preparedQuery("""
                        insert into message_event (message_id, status, reason, provider, at) values ($1, $2, $3, $4, $5)
                        returning (select traceparent from outgoing_message where message_id = $1)""")
                .execute(Tuple.of(change.messageId(), change.status(), change.reason(), change.provider(),
                        change.at().atOffset(ZoneOffset.UTC)))
                .chain(rows -> outbox.add(tx, Topics.DELIVERIES, change.contactId(), change,
                        rows.iterator().next().getString(0)))
                .invoke(() -> countOnCommit(tx, change));
    }

    /** A change rolled back with its transaction was never announced: it counts once committed. */
    private void countOnCommit(SqlClient tx, DeliveryStatus change) {
        Transaction transaction = tx instanceof SqlConnection connection ? connection.transaction() : null;
        if (transaction == null) {
            metrics.statusChanged(change);
            return;
        }
        transaction.completion().subscribe().with(committed -> metrics.statusChanged(change), rolledBack -> {
        });
    }
}
