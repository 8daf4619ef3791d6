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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        return publishAll(tx, List.of(change));
    }

    /** Announces many changes in two round trips, in list order. */
    public Uni<Void> publishAll(SqlClient tx, List<DeliveryStatus> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] messageIds = changes.stream().map(DeliveryStatus::messageId).toArray(String[]::new);
        return tx.preparedQuery("""
                        with history as (
                          insert into message_event (message_id, status, reason, provider, at)
                          select m, s, r, p, at from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
                            with ordinality as c(m, s, r, p, at, n)
                          order by n)
                        select message_id, traceparent from outgoing_message where message_id = any($1)""")
                .execute(Tuple.of(messageIds, changes.stream().map(DeliveryStatus::status).toArray(String[]::new),
                        changes.stream().map(DeliveryStatus::reason).toArray(String[]::new),
                        changes.stream().map(DeliveryStatus::provider).toArray(String[]::new),
                        changes.stream().map(c -> c.at().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new)))
                .chain(rows -> {
                    Map<String, String> traces = new HashMap<>();
                    rows.forEach(row -> traces.put(row.getString("message_id"), row.getString("traceparent")));
                    return outbox.addAll(tx, changes.stream().map(change -> new Outbox.Entry(Topics.DELIVERIES,
                            change.contactId(), change, traces.get(change.messageId()))).toList());
                })
                .invoke(() -> changes.forEach(change -> countOnCommit(tx, change)));
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
