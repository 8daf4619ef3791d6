package io.drip.dispatch.sandbox;

import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.Topics;
import io.drip.dispatch.send.OutgoingMessages;
import io.drip.kit.outbox.Outbox;
import io.drip.kit.work.DueWork;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Simulates the delivery receipts a real network would send back: when a sandbox message's
 * receipt is due it becomes delivered (or undelivered, at the configured failure rate).
 */
@ApplicationScoped
public class SandboxReceipts implements DueWork.Queue<SandboxReceipts.Due> {

    /** A sandbox message whose receipt is due. */
    public record Due(String providerId, String messageId, String contactId) {
    }

    @Inject
    OutgoingMessages outgoing;

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "drip.sandbox.failure-rate")
    double failureRate;

    @Override
    public String name() {
        return "sandbox-receipts";
    }

    @Override
    public Uni<Optional<Due>> claim(SqlConnection tx, Instant now) {
        return tx.preparedQuery("""
                        select s.id, s.message_id, o.contact_id from sandbox_message s
                        join outgoing_message o on o.message_id = s.message_id
                        where s.status = 'sent' and s.receipt_due_at <= $1
                        order by s.receipt_due_at limit 1 for update of s skip locked""")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Due(row.getString("id"), row.getString("message_id"), row.getString("contact_id")));
                });
    }

    @Override
    public Uni<Void> process(SqlConnection tx, Due due, Instant now) {
        boolean delivered = ThreadLocalRandom.current().nextDouble() >= failureRate;
        String status = delivered ? DeliveryStatus.DELIVERED : DeliveryStatus.UNDELIVERED;
        String reason = delivered ? null : "sandbox_simulated_failure";
        return tx.preparedQuery("update sandbox_message set status = $2, receipt_at = $3 where id = $1")
                .execute(Tuple.of(due.providerId(), status, now.atOffset(ZoneOffset.UTC)))
                .chain(() -> outgoing.markFinal(tx, due.messageId(), status, reason, now))
                .chain(() -> outbox.add(tx, Topics.DELIVERIES, due.contactId(), new DeliveryStatus(due.messageId(),
                        due.contactId(), status, reason, SandboxProvider.NAME, due.providerId(), null, now)));
    }

    @Override
    public Uni<Void> postpone(SqlConnection tx, Due due, Instant until) {
        return tx.preparedQuery("update sandbox_message set receipt_due_at = $2 where id = $1")
                .execute(Tuple.of(due.providerId(), until.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
