package io.drip.dispatch.policy;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.SendCommand;
import io.drip.dispatch.send.Outgoing;
import io.drip.kit.consent.SuppressionList;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Whether the message's category (marketing or transactional) is opted out, as the contact's
 * snapshot says or as the number itself told dispatch: dispatch keeps its own suppression list of
 * numbers, fed by the keywords it recognises in inbound SMS, because it holds a STOP before
 * contact-service has acted on it, from a number no contact has, and after an erasure. The list
 * yields only to the number opting in again by keyword since (START lifts it here; a Y that
 * confirmed a double opt-in shows as the snapshot's keyword opt-in). A keyword's reply (the
 * opt-out confirmation, HELP) is never held back: carriers require it.
 */
@ApplicationScoped
public class ConsentCheck {
    public static final String REASON = "opted_out";
    private static final String KEYWORD = "keyword";

    private final SuppressionList numbers;

    public ConsentCheck(SuppressionList numbers) {
        this.numbers = numbers;
    }

    public Uni<Boolean> optedOut(SqlClient tx, Outgoing message, ContactSnapshot contact) {
        ContactSnapshot.Consent consent = consent(contact, message.category());
        Uni<Boolean> optedOut = consent != null && ContactSnapshot.Consent.OPTED_OUT.equals(consent.state())
                ? Uni.createFrom().item(true)
                : numbers.since(tx, List.of(contact.phone())).map(found -> {
                    Instant since = found.getOrDefault(contact.phone(), Map.of()).get(message.category());
                    return since != null && !optedInByKeywordAfter(consent, since);
                });
        return optedOut.chain(out -> out ? answersInbound(tx, message).map(reply -> !reply) : Uni.createFrom().item(false));
    }

    private static boolean optedInByKeywordAfter(ContactSnapshot.Consent consent, Instant since) {
        return consent != null && ContactSnapshot.Consent.OPTED_IN.equals(consent.state()) && KEYWORD.equals(consent.source())
                && consent.at() != null && consent.at().isAfter(since);
    }

    private static ContactSnapshot.Consent consent(ContactSnapshot contact, String category) {
        Map<String, ContactSnapshot.Consent> sms = contact.consent() == null ? null : contact.consent().get("sms");
        return sms == null ? null : sms.get(category);
    }

    private static Uni<Boolean> answersInbound(SqlClient tx, Outgoing message) {
        return tx.preparedQuery("select idempotency_key from outgoing_message where message_id = $1")
                .execute(Tuple.of(message.messageId()))
                .map(rows -> rows.size() > 0 && SendCommand.answersInbound(rows.iterator().next().getString("idempotency_key")));
    }
}
