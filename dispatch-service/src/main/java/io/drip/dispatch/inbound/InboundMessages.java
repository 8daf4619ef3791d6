package io.drip.dispatch.inbound;

import io.drip.contracts.InboundSms;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.kit.consent.SuppressionList;
import io.drip.kit.outbox.Outbox;
import io.drip.kit.outbox.ProcessedRecords;
import io.drip.kit.sms.Keywords;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Inbound SMS (MO) from any provider: matched to the contact by number (the local projection of
 * drip.contacts.v1), recorded, and published on drip.inbound.v1 through the outbox, once per
 * provider message id, with the keyword recognised here. An opt-out keyword puts the number on
 * dispatch's suppression list at once (START takes it off), whether or not a contact has the
 * number. A message from a number no contact has is recorded but not published (drip.inbound.v1
 * is keyed by contact; contact-service applies a keyword to every contact holding the number).
 */
@ApplicationScoped
public class InboundMessages {
    private static final Logger LOG = Logger.getLogger(InboundMessages.class);

    /** An SMS as a provider reported it. */
    public record Received(String provider, String providerMessageId, String from, String to, String text, Instant at) {
    }

    @Inject
    ProcessedRecords processed;

    @Inject
    Outbox outbox;

    @Inject
    Keywords keywords;

    @Inject
    SuppressionList suppression;

    /** Returns the published message, or null for a repeat or an unknown sender. */
    /**
     * Whether a provider's sender is a number in E.164, as drip.inbound.v1's schema wants it: any
     * other would be recorded, and a STOP from it put on the suppression list, under no number.
     */
    public static boolean isE164(String from) {
        return from != null && E164.matcher(from).matches();
    }

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    public Uni<InboundSms> receive(SqlClient tx, Received sms) {
        String inboundId = sms.provider() + ":" + sms.providerMessageId();
        return processed.markFirstTime(tx, "inbound:" + inboundId).chain(first -> {
            if (!first) {
                return Uni.createFrom().nullItem();
            }
            return tx.preparedQuery("select id from contact_snapshot where snapshot ->> 'phone' = $1 order by updated_at desc limit 1")
                    .execute(Tuple.of(sms.from()))
                    .chain(rows -> {
                        String contactId = rows.size() == 0 ? null : rows.iterator().next().getString("id");
                        Optional<Keywords.Match> match = keywords.recognise(sms.text());
                        String keyword = match.map(Keywords.Match::keyword).orElse(null);
                        Uni<Void> record = tx.preparedQuery("""
                                        insert into inbound_message (id, contact_id, from_phone, to_phone, text, keyword, provider, at)
                                        values ($1, $2, $3, $4, $5, $6, $7, $8)""")
                                .execute(Tuple.from(new Object[] {inboundId, contactId, sms.from(), sms.to(), sms.text(),
                                        keyword, sms.provider(), sms.at().atOffset(ZoneOffset.UTC)}))
                                .chain(() -> match.map(m -> suppress(tx, sms.from(), m.action(), sms.at()))
                                        .orElseGet(() -> Uni.createFrom().voidItem()));
                        if (contactId == null) {
                            LOG.warnf("inbound SMS %s from a number no contact has; recorded, not published", inboundId);
                            return record.replaceWith((InboundSms) null);
                        }
                        InboundSms inbound = match.isEmpty()
                                ? InboundSms.text(inboundId, contactId, sms.from(), sms.to(), sms.text(), sms.provider(), sms.at())
                                : InboundSms.keyword(inboundId, contactId, sms.from(), sms.to(), sms.text(), keyword,
                                        match.get().action(), sms.provider(), sms.at());
                        return record.chain(() -> outbox.add(tx, Topics.INBOUND, contactId, inbound)).replaceWith(inbound);
                    });
        });
    }

    private Uni<Void> suppress(SqlClient tx, String from, InboundSms.Action action, Instant at) {
        return switch (action) {
            case OPT_OUT -> suppression.suppress(tx, from, List.of(SendCommand.MARKETING), at);
            case OPT_OUT_ALL -> suppression.suppress(tx, from, List.of(SendCommand.MARKETING, SendCommand.TRANSACTIONAL), at);
            case OPT_IN -> suppression.lift(tx, from, List.of(SendCommand.MARKETING, SendCommand.TRANSACTIONAL));
            // a Y confirms what contact-service has pending; its snapshot tells (ConsentCheck)
            case CONFIRM, HELP -> Uni.createFrom().voidItem();
        };
    }
}
