package io.drip.journey.run;

import io.drip.journey.sendtime.ClickHourStore;
import io.drip.kit.contacts.ContactErasure;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * An erased contact leaves its journeys: its active runs exit with reason {@code erased}, its
 * inactivity timers, the events held for its snapshot and its click hours go, and what its runs and messages
 * copied about it (the trigger event's traits, properties and context, the history's rendered
 * texts, replies, trait updates, webhook answers and the webhook calls' URLs, headers and bodies)
 * is dropped.
 * The runs and messages stay, under a pseudonym, for the journeys' counts and conversions.
 */
@ApplicationScoped
public class RunErasure implements ContactErasure {
    @Inject
    RunRepository runs;

    @Inject
    WaitingEvents waiting;

    @Inject
    ClickHourStore clickHours;

    @Override
    public Uni<Void> erase(SqlClient tx, String contactId, String pseudonym) {
        return runs.endAllOfContact(tx, contactId, REASON, Instant.now())
                // an exit's detail is its reason; every other detail may quote the contact
                .chain(() -> tx.preparedQuery("""
                        update run_history set detail = null
                        where run_id in (select id from journey_run where contact_id = $1)
                          and what not in ('exited', 'completed') and detail is not null""")
                        .execute(Tuple.of(contactId)))
                // the trigger event keeps what identifies it, not what it said about the person; the
                // reply, what the person wrote, goes
                .chain(() -> tx.preparedQuery("""
                        update journey_run set contact_id = $2, trigger_event = jsonb_strip_nulls(jsonb_build_object(
                          'type', trigger_event -> 'type', 'event', trigger_event -> 'event',
                          'messageId', trigger_event -> 'messageId', 'timestamp', trigger_event -> 'timestamp')),
                          reply = null, webhooks = null
                        where contact_id = $1""")
                        .execute(Tuple.of(contactId, pseudonym)))
                // a call keeps its host (the stats' per step counts need nothing more); a pending one is
                // abandoned, as its run has ended
                .chain(() -> tx.preparedQuery("""
                        update webhook_call set url = substring(url from '^[a-z]+://[^/?#]+'), headers = '{}', body = null,
                          last_result = null, status = case when status = 'pending' then 'abandoned' else status end,
                          next_at = null
                        where run_id in (select id from journey_run where contact_id = $1)""")
                        .execute(Tuple.of(pseudonym)))
                .chain(() -> tx.preparedQuery("update message set contact_id = $2 where contact_id = $1")
                        .execute(Tuple.of(contactId, pseudonym)))
                .chain(() -> tx.preparedQuery("delete from inactivity_timer where contact_id = $1")
                        .execute(Tuple.of(contactId)))
                .chain(() -> waiting.forget(tx, contactId))
                .chain(() -> clickHours.forget(tx, contactId));
    }
}
