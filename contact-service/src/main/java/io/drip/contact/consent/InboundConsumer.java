package io.drip.contact.consent;

import io.drip.contact.profile.ContactRepository;
import io.drip.contracts.InboundSms;
import io.drip.contracts.MessageJson;
import io.drip.kit.outbox.ProcessedRecords;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Inbound SMS from {@code drip.inbound.v1}: keywords change consent and get their configured
 * reply, once per inbound id. The text is recognised here (the record's {@code keyword} from
 * dispatch is not relied upon), so the list of {@code drip.keywords.*} is the one that counts.
 */
@ApplicationScoped
public class InboundConsumer {
    private static final Logger LOG = Logger.getLogger(InboundConsumer.class);

    @Inject
    Pool pool;

    @Inject
    ProcessedRecords processed;

    @Inject
    Keywords keywords;

    @Inject
    ConsentChanges consent;

    @Inject
    ContactRepository contacts;

    @Inject
    AutoReplies replies;

    @ConfigProperty(name = "drip.replies.opt-out")
    String optOutReply;

    @ConfigProperty(name = "drip.replies.opt-in")
    String optInReply;

    @ConfigProperty(name = "drip.replies.help")
    String helpReply;

    @ConfigProperty(name = "drip.replies.confirmed")
    String confirmedReply;

    @Incoming("inbound")
    public Uni<Void> consume(String record) {
        InboundSms sms = MessageJson.read(record, InboundSms.class);
        return pool.withTransaction(tx -> processed.markFirstTime(tx, "inbound:" + sms.inboundId()).chain(first -> first
                ? contacts.canonicalId(tx, sms.contactId()).chain(id -> contacts.find(tx, id).chain(found -> {
                    if (found.isEmpty()) {
                        // erased or never known: nothing to change, and dispatch could not deliver a reply
                        LOG.warnf("inbound %s from contact %s, which contact-service does not know: ignored",
                                sms.inboundId(), sms.contactId());
                        return Uni.createFrom().voidItem();
                    }
                    return apply(tx, id, sms);
                }))
                : Uni.createFrom().voidItem()));
    }

    private Uni<Void> apply(SqlClient tx, String contactId, InboundSms sms) {
        Uni<Void> touched = contacts.touch(tx, contactId, sms.at());
        var match = keywords.recognise(sms.text());
        if (match.isEmpty()) {
            return touched;
        }
        Consent.Origin origin = new Consent.Origin(Consent.SOURCE_KEYWORD, sms.inboundId(), null, null,
                match.get().keyword(), sms.at());
        String replyKey = "keyword-reply:" + sms.inboundId();
        return touched.chain(() -> switch (match.get().action()) {
            case OPT_OUT -> set(tx, contactId, List.of(Consent.MARKETING), Consent.OPTED_OUT, origin, optOutReply, replyKey);
            case OPT_OUT_ALL -> set(tx, contactId, List.of(Consent.MARKETING, Consent.TRANSACTIONAL), Consent.OPTED_OUT,
                    origin, optOutReply, replyKey);
            case OPT_IN -> set(tx, contactId, List.of(Consent.MARKETING, Consent.TRANSACTIONAL), Consent.OPTED_IN,
                    origin, optInReply, replyKey);
            case CONFIRM -> consent.confirm(tx, contactId, origin).chain(confirmed -> confirmed
                    ? replies.send(tx, contactId, confirmedReply, replyKey, sms.at())
                    : Uni.createFrom().voidItem());
            case HELP -> replies.send(tx, contactId, helpReply, replyKey, sms.at());
        });
    }

    private Uni<Void> set(SqlClient tx, String contactId, List<String> categories, String state, Consent.Origin origin,
            String reply, String replyKey) {
        Uni<Void> changed = Uni.createFrom().voidItem();
        for (String category : categories) {
            changed = changed.chain(() -> consent.change(tx, contactId, Consent.SMS, category, state, origin).replaceWithVoid());
        }
        return changed.chain(() -> replies.send(tx, contactId, reply, replyKey, origin.at()));
    }
}
