package io.drip.dispatch.sandbox;

import io.drip.contracts.DeliveryStatus;
import io.drip.dispatch.send.Receipts;
import io.drip.kit.work.DueWork;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Simulates the delivery receipts a real network would send back: when a sandbox message's
 * receipt is due it becomes delivered (or undelivered, at the configured failure rate).
 */
@ApplicationScoped
public class SandboxReceipts implements DueWork.Queue<SandboxReceipts.Due> {

    /** A sandbox message whose receipt is due. */
    public record Due(String providerId, String messageId) {
    }

    @Inject
    Receipts receipts;

    @ConfigProperty(name = "drip.sandbox.failure-rate")
    double failureRate;

    @Override
    public String name() {
        return "sandbox-receipts";
    }

    @Override
    public String describe(Due due) {
        return "receipt of message " + due.messageId();
    }

    @Override
    public Uni<List<Due>> claim(SqlConnection tx, Instant now, int limit) {
        return tx.preparedQuery("""
                        select id, message_id from sandbox_message
                        where status = 'sent' and receipt_due_at <= $1
                        order by receipt_due_at limit $2 for update skip locked""")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), limit))
                .map(rows -> {
                    List<Due> due = new ArrayList<>();
                    rows.forEach(row -> due.add(new Due(row.getString("id"), row.getString("message_id"))));
                    return due;
                });
    }

    @Override
    public Uni<Void> process(SqlConnection tx, Due due, Instant now) {
        return processAll(tx, List.of(due), now);
    }

    /** The batch's receipts are applied together, and their messages marked with one statement. */
    @Override
    public Uni<Void> processAll(SqlConnection tx, List<Due> items, Instant now) {
        List<Receipts.Receipt> outcomes = items.stream().map(due -> {
            boolean delivered = ThreadLocalRandom.current().nextDouble() >= failureRate;
            return new Receipts.Receipt(SandboxProvider.NAME, due.providerId(),
                    delivered ? DeliveryStatus.DELIVERED : DeliveryStatus.UNDELIVERED,
                    delivered ? null : "sandbox_simulated_failure", false, now);
        }).toList();
        return receipts.applyAll(tx, outcomes)
                .chain(() -> tx.preparedQuery("""
                                update sandbox_message m set status = r.status, receipt_at = $3
                                from unnest($1::text[], $2::text[]) as r(id, status) where m.id = r.id""")
                        .execute(Tuple.of(outcomes.stream().map(Receipts.Receipt::providerMessageId).toArray(String[]::new),
                                outcomes.stream().map(Receipts.Receipt::status).toArray(String[]::new),
                                now.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> postpone(SqlConnection tx, Due due, Instant until) {
        return tx.preparedQuery("update sandbox_message set receipt_due_at = $2 where id = $1")
                .execute(Tuple.of(due.providerId(), until.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
