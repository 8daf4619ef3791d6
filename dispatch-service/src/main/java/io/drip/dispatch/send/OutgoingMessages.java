package io.drip.dispatch.send;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.dispatch.policy.SendWindow;
import io.drip.dispatch.provider.Price;
import io.drip.dispatch.text.SmsText;
import io.drip.kit.consume.Traced;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** The outgoing_message table: the queue of messages and their outcome. */
@ApplicationScoped
public class OutgoingMessages {

    /**
     * Queues commands in one statement, in their order; a command whose idempotency key or message
     * id was queued before is left out. Its age (for max-age and waits) counts from when the
     * command was made, and its statuses, published later from the queue, continue its trace.
     * Returns how many were queued.
     */
    public Uni<Integer> acceptAll(SqlClient tx, List<Traced<SendCommand>> commands, Instant now) {
        int size = commands.size();
        String[] messageIds = new String[size];
        String[] keys = new String[size];
        String[] contacts = new String[size];
        String[] journeys = new String[size];
        String[] steps = new String[size];
        String[] categories = new String[size];
        String[] texts = new String[size];
        String[] json = new String[size];
        OffsetDateTime[] due = new OffsetDateTime[size];
        OffsetDateTime[] created = new OffsetDateTime[size];
        String[] windowFrom = new String[size];
        String[] windowTo = new String[size];
        String[] traces = new String[size];
        for (int i = 0; i < size; i++) {
            SendCommand command = commands.get(i).message();
            messageIds[i] = command.messageId();
            keys[i] = command.idempotencyKey();
            contacts[i] = command.contactId();
            journeys[i] = command.journeyId();
            steps[i] = command.stepId();
            categories[i] = command.category();
            texts[i] = command.text();
            json[i] = MessageJson.write(command);
            due[i] = utc(command.notBefore() != null && command.notBefore().isAfter(now) ? command.notBefore() : now);
            created[i] = utc(command.createdAt());
            windowFrom[i] = command.sendWindow() == null ? null : command.sendWindow().from();
            windowTo[i] = command.sendWindow() == null ? null : command.sendWindow().to();
            traces[i] = commands.get(i).traceparent();
        }
        return tx.preparedQuery("""
                        insert into outgoing_message (message_id, idempotency_key, contact_id, journey_id, step_id, category,
                          text, command, status, next_attempt_at, created_at, window_from, window_to, traceparent)
                        select m, k, c, j, s, cat, t, cmd::jsonb, 'pending', due, created, wf, wt, tp
                        from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                          $8::text[], $9::timestamptz[], $10::timestamptz[], $11::text[], $12::text[], $13::text[])
                          with ordinality as r(m, k, c, j, s, cat, t, cmd, due, created, wf, wt, tp, n)
                        order by n
                        on conflict do nothing""")
                .execute(Tuple.tuple().addArrayOfString(messageIds).addArrayOfString(keys).addArrayOfString(contacts)
                        .addArrayOfString(journeys).addArrayOfString(steps).addArrayOfString(categories)
                        .addArrayOfString(texts).addArrayOfString(json).addArrayOfOffsetDateTime(due)
                        .addArrayOfOffsetDateTime(created).addArrayOfString(windowFrom).addArrayOfString(windowTo)
                        .addArrayOfString(traces))
                .map(result -> result.rowCount());
    }

    /** Claims the most overdue pending message; other workers skip it while it is held. */
    public Uni<Optional<Outgoing>> claimNextDue(SqlClient tx, Instant now) {
        return tx.preparedQuery("""
                        select message_id, contact_id, category, text, window_from, window_to, created_at, queued_at, pinned_provider
                        from outgoing_message
                        where status = 'pending' and next_attempt_at <= $1
                        order by next_attempt_at limit 1 for update skip locked""")
                .execute(Tuple.of(utc(now)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toOutgoing(rows.iterator().next())));
    }

    /**
     * Claims a message left 'sending' since before {@code startedBefore}: its attempt was
     * interrupted (a crash between the provider call and the commit of its outcome).
     */
    public Uni<Optional<Attempt>> claimInterrupted(SqlClient tx, Instant startedBefore) {
        return tx.preparedQuery("""
                        select message_id, contact_id, category, text, window_from, window_to, created_at, queued_at, to_phone, route,
                          provider, attempts, pinned_provider, coalesce(sent_text, text) as sent_text
                        from outgoing_message
                        where status = 'sending' and sending_since < $1
                        order by sending_since limit 1 for update skip locked""")
                .execute(Tuple.of(utc(startedBefore)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Attempt(toOutgoing(row), row.getString("to_phone"),
                            SmsText.of(row.getString("sent_text")), row.getString("route"), row.getString("provider"),
                            row.getInteger("attempts"), null));
                });
    }

    /** Moves the start of an interrupted attempt, so recovery looks at it again later. */
    public Uni<Void> restartLease(SqlClient tx, String messageId, Instant sendingSince) {
        return tx.preparedQuery("update outgoing_message set sending_since = $2 where message_id = $1 and status = 'sending'")
                .execute(Tuple.of(messageId, utc(sendingSince)))
                .replaceWithVoid();
    }

    public Uni<Void> postpone(SqlClient tx, String messageId, Instant nextAttempt) {
        return tx.preparedQuery("update outgoing_message set next_attempt_at = $2 where message_id = $1")
                .execute(Tuple.of(messageId, utc(nextAttempt)))
                .replaceWithVoid();
    }

    /**
     * Commits an attempt before the provider call: the message is 'sending' on this route and
     * provider from {@code now}, with the text as sent and where its number belongs (for
     * reports). Returns the attempt's number.
     */
    public Uni<Integer> markSending(SqlClient tx, String messageId, String route, String provider, String to, SmsText sms,
            Instant now) {
        NumberInfo number = NumberInfo.of(to);
        return tx.preparedQuery("""
                        update outgoing_message set status = 'sending', route = $2, provider = $3, to_phone = $4,
                          sending_since = $5, next_attempt_at = null, attempts = attempts + 1, sent_text = $6,
                          encoding = $7, segments = $8, country = $9, region = $10, carrier = $11
                        where message_id = $1 returning attempts""")
                .execute(Tuple.from(new Object[] {messageId, route, provider, to, utc(now), sms.text(), sms.encoding().name(),
                        sms.segments(), number.country(), number.region(), number.carrier()}))
                .map(rows -> rows.iterator().next().getInteger("attempts"));
    }

    /**
     * Records that the provider took the message; false if the message was no longer 'sending'
     * (recovery settled it meanwhile).
     */
    public Uni<Boolean> markSent(SqlClient tx, String messageId, String provider, String providerMessageId,
            Integer segments, Price cost, Instant at) {
        return tx.preparedQuery("""
                        update outgoing_message set status = 'sent', provider = $2, provider_message_id = $3,
                          segments = coalesce($4, segments), sent_at = $5, sending_since = null, cost = $6, cost_currency = $7
                        where message_id = $1 and status = 'sending'""")
                .execute(Tuple.from(new Object[] {messageId, provider, providerMessageId, segments, utc(at),
                        cost == null ? null : cost.amount(), cost == null ? null : cost.currency()}))
                .map(result -> result.rowCount() == 1);
    }

    /**
     * Back in the queue after an attempt that did not reach the provider, or failed transiently;
     * {@code countAttempt} false when the provider was never called (e.g. its breaker was open).
     */
    public Uni<Void> retryAt(SqlClient tx, String messageId, Instant nextAttempt, boolean countAttempt) {
        return tx.preparedQuery("""
                        update outgoing_message set status = 'pending', next_attempt_at = $2, sending_since = null,
                          attempts = attempts - case when $3 then 0 else 1 end
                        where message_id = $1 and status = 'sending'""")
                .execute(Tuple.of(messageId, utc(nextAttempt), countAttempt))
                .replaceWithVoid();
    }

    /**
     * From now on only {@code provider} may carry the message: it may have it already and takes
     * a message id once, where another provider would send it a second time.
     */
    public Uni<Void> pinProvider(SqlClient tx, String messageId, String provider) {
        return tx.preparedQuery("update outgoing_message set pinned_provider = $2 where message_id = $1")
                .execute(Tuple.of(messageId, provider))
                .replaceWithVoid();
    }

    /** A final outcome: delivered, failed, undelivered or suppressed, with its reason. */
    public Uni<Void> markFinal(SqlClient tx, String messageId, String status, String reason, Instant at) {
        return tx.preparedQuery("""
                        update outgoing_message set status = $2, reason = $3, next_attempt_at = null, sending_since = null,
                          delivered_at = case when $2 = 'delivered' then $4 else delivered_at end
                        where message_id = $1""")
                .execute(Tuple.of(messageId, status, reason, utc(at)))
                .replaceWithVoid();
    }

    private static Outgoing toOutgoing(Row row) {
        SendWindow window = row.getString("window_from") == null ? null
                : SendWindow.parse(row.getString("window_from"), row.getString("window_to"));
        return new Outgoing(row.getString("message_id"), row.getString("contact_id"), row.getString("category"),
                row.getString("text"), window, row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("queued_at").toInstant(), row.getString("pinned_provider"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
