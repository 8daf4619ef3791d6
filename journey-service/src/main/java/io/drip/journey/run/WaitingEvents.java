package io.drip.journey.run;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.kit.consume.Traced;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The track events held until their contact's snapshot arrives, kept in PostgreSQL in arrival
 * order. A contact's events are claimed together, by the worker that locks its oldest one, so
 * two replicas never apply one contact's events side by side.
 */
@ApplicationScoped
public class WaitingEvents {

    /** A contact's held events, oldest first, and since when the oldest has waited. */
    public record WaitingContact(String contactId, List<Long> ids, List<Traced<SegmentMessage>> events,
            Instant waitingSince) {
    }

    /**
     * Which of these contacts have events held. Their rows are locked shared, in id order: while a
     * worker applies a contact's held events, this waits for it, so a newer event of the contact
     * is applied after them, never beside them.
     */
    public Uni<Set<String>> waiting(SqlClient tx, Collection<String> contactIds) {
        if (contactIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return tx.preparedQuery("select contact_id from waiting_event where contact_id = any($1) order by id for share")
                .execute(Tuple.of(contactIds.toArray(new String[0])))
                .map(rows -> {
                    Set<String> waiting = new HashSet<>();
                    rows.forEach(row -> waiting.add(row.getString("contact_id")));
                    return waiting;
                });
    }

    /** Holds events, in their order, in one statement. */
    public Uni<Void> holdAll(SqlClient tx, List<Traced<SegmentMessage>> events, Instant now) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        insert into waiting_event (contact_id, message, traceparent, waiting_since, next_look_at)
                        select c, m::jsonb, tp, $4, $4
                        from unnest($1::text[], $2::text[], $3::text[]) with ordinality as e(c, m, tp, n)
                        order by n""")
                .execute(Tuple.of(events.stream().map(e -> e.message().contactId()).toArray(String[]::new),
                        events.stream().map(e -> MessageJson.write(e.message())).toArray(String[]::new),
                        events.stream().map(Traced::traceparent).toArray(String[]::new), utc(now)))
                .replaceWithVoid();
    }

    /** Claims the held events of up to {@code limit} contacts whose next look is due, longest waiting first. */
    public Uni<List<WaitingContact>> claim(SqlClient tx, Instant now, int limit) {
        return tx.preparedQuery("""
                        select id, contact_id, message::text as message, traceparent, waiting_since from waiting_event
                        where contact_id in (
                          select f.contact_id from waiting_event f
                          where f.next_look_at <= $1
                            and not exists (select 1 from waiting_event e where e.contact_id = f.contact_id and e.id < f.id)
                          order by f.next_look_at limit $2 for update skip locked)
                        order by id for update""")
                .execute(Tuple.of(utc(now), limit))
                .map(rows -> {
                    Map<String, List<io.vertx.mutiny.sqlclient.Row>> byContact = new LinkedHashMap<>();
                    rows.forEach(row -> byContact.computeIfAbsent(row.getString("contact_id"), c -> new ArrayList<>()).add(row));
                    return byContact.entrySet().stream().map(entry -> new WaitingContact(entry.getKey(),
                            entry.getValue().stream().map(row -> row.getLong("id")).toList(),
                            entry.getValue().stream().map(row -> new Traced<>(MessageJson.readStored(
                                    row.getString("message"), SegmentMessage.class),
                                    row.getString("traceparent"))).toList(),
                            entry.getValue().get(0).getOffsetDateTime("waiting_since").toInstant())).toList();
                });
    }

    /** Lets go of events once applied. */
    public Uni<Void> release(SqlClient tx, List<Long> ids) {
        return tx.preparedQuery("delete from waiting_event where id = any($1)")
                .execute(Tuple.of(ids.toArray(new Long[0])))
                .replaceWithVoid();
    }

    /** Looks at a contact's held events again at {@code until}. */
    public Uni<Void> lookAgain(SqlClient tx, String contactId, Instant until) {
        return tx.preparedQuery("update waiting_event set next_look_at = $2 where contact_id = $1")
                .execute(Tuple.of(contactId, utc(until)))
                .replaceWithVoid();
    }

    /** Forgets an erased contact's held events (they are the events as sent, personal data and all). */
    public Uni<Void> forget(SqlClient tx, String contactId) {
        return tx.preparedQuery("delete from waiting_event where contact_id = $1")
                .execute(Tuple.of(contactId))
                .replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
