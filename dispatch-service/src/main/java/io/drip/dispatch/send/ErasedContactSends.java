package io.drip.dispatch.send;

import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.SendCommand;
import io.drip.kit.consume.Traced;
import io.drip.kit.contacts.ContactErasure;
import io.drip.kit.contacts.ContactErasures;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Send commands of a contact erased before they arrived (journey-service made them before the
 * erasure reached it): each is kept without text or links under a pseudonym of its own, and
 * suppressed at once with reason {@code erased}, so no provider gets it and the journey's counts
 * still see its outcome. Set-based, for a whole batch of commands.
 */
@ApplicationScoped
public class ErasedContactSends {

    @Inject
    OutgoingMessages outgoing;

    @Inject
    StatusChanges changes;

    public Uni<Void> suppressAll(SqlClient tx, List<Traced<SendCommand>> commands, Instant now) {
        if (commands.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Traced<SendCommand>> withoutPersonalData = commands.stream()
                .map(command -> new Traced<>(command.message().withoutPersonalData(ContactErasures.pseudonym()),
                        command.traceparent()))
                .toList();
        String[] messageIds = commands.stream().map(command -> command.message().messageId()).toArray(String[]::new);
        return outgoing.acceptAll(tx, withoutPersonalData, now)
                // only what is still pending: a redelivered command must not rewrite an outcome reached before
                .chain(() -> tx.preparedQuery("""
                                update outgoing_message set status = $2, reason = $3, next_attempt_at = null
                                where message_id = any($1) and status = 'pending'
                                returning message_id, contact_id""")
                        .execute(Tuple.of(messageIds, DeliveryStatus.SUPPRESSED, ContactErasure.REASON)))
                .chain(rows -> {
                    List<DeliveryStatus> suppressed = new ArrayList<>();
                    rows.forEach(row -> suppressed.add(new DeliveryStatus(row.getString("message_id"),
                            row.getString("contact_id"), DeliveryStatus.SUPPRESSED, ContactErasure.REASON, null, null,
                            null, now)));
                    return changes.publishAll(tx, suppressed);
                });
    }
}
