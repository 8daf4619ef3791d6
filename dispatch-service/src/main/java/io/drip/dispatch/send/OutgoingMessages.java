package io.drip.dispatch.send;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.dispatch.policy.SendWindow;
import io.drip.dispatch.provider.Price;
import io.drip.dispatch.text.SmsText;
import io.drip.kit.consume.Traced;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The outgoing_message table: the queue of messages and their outcome. */
@ApplicationScoped
public class OutgoingMessages {
    /** An MMS's media are read from the command as it came (absent: none, an SMS). */
    private static final String OUTGOING_COLUMNS = """
            message_id, contact_id, category, text, window_from, window_to, created_at, queued_at, age_from,
            pinned_provider, idempotency_key, tags, array(select jsonb_array_elements_text(command->'media')) as media""";

    /**
     * Queues commands in one statement, in their order; a command whose idempotency key or message
     * id was queued before is left out. Its age (for max-age) counts from when the command was
     * made, or from its not-before if that is later, and its statuses, published later from the queue, continue its trace.
     * Its tags are taken from the command as queued, for the caps per tag.
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
        OffsetDateTime[] notBefore = new OffsetDateTime[size];
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
            notBefore[i] = command.notBefore() == null ? null : utc(command.notBefore());
        }
        return tx.preparedQuery("""
                        insert into outgoing_message (message_id, idempotency_key, contact_id, journey_id, step_id, category,
                          text, command, status, next_attempt_at, created_at, age_from, window_from, window_to, traceparent, tags)
                        select m, k, c, j, s, cat, t, cmd::jsonb, 'pending', due, created, greatest(created, nb), wf, wt, tp,
                          array(select jsonb_array_elements_text(coalesce(cmd::jsonb -> 'tags', '[]')))
                        from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                          $8::text[], $9::timestamptz[], $10::timestamptz[], $11::text[], $12::text[], $13::text[],
                          $14::timestamptz[])
                          with ordinality as r(m, k, c, j, s, cat, t, cmd, due, created, wf, wt, tp, nb, n)
                        order by n
                        on conflict do nothing""")
                .execute(Tuple.tuple().addArrayOfString(messageIds).addArrayOfString(keys).addArrayOfString(contacts)
                        .addArrayOfString(journeys).addArrayOfString(steps).addArrayOfString(categories)
                        .addArrayOfString(texts).addArrayOfString(json).addArrayOfOffsetDateTime(due)
                        .addArrayOfOffsetDateTime(created).addArrayOfString(windowFrom).addArrayOfString(windowTo)
                        .addArrayOfString(traces).addArrayOfOffsetDateTime(notBefore))
                .map(result -> result.rowCount());
    }

    /**
     * Claims up to {@code limit} due messages, transactional ones before marketing ones (a
     * campaign's backlog never holds up an order confirmation), each kind most overdue first;
     * other workers skip them while they are held.
     */
    public Uni<List<Outgoing>> claimDue(SqlClient tx, Instant now, int limit) {
        return claimDue(tx, now, limit, SendCommand.TRANSACTIONAL).chain(transactional -> transactional.size() == limit
                ? Uni.createFrom().item(transactional)
                : claimDue(tx, now, limit - transactional.size(), SendCommand.MARKETING).map(marketing -> {
                    List<Outgoing> claimed = new ArrayList<>(transactional);
                    claimed.addAll(marketing);
                    return claimed;
                }));
    }

    private Uni<List<Outgoing>> claimDue(SqlClient tx, Instant now, int limit, String category) {
        return tx.preparedQuery("""
                        select %s from outgoing_message
                        where status = 'pending' and category = $3 and next_attempt_at <= $1
                        order by next_attempt_at limit $2 for update skip locked""".formatted(OUTGOING_COLUMNS))
                .execute(Tuple.of(utc(now), limit, category))
                .map(OutgoingMessages::toOutgoing);
    }

    /** Claims one message if it is still pending (to plan it alone), skipping it if another worker holds it. */
    public Uni<List<Outgoing>> claimPending(SqlClient tx, String messageId) {
        return tx.preparedQuery("""
                        select %s from outgoing_message
                        where message_id = $1 and status = 'pending' for update skip locked""".formatted(OUTGOING_COLUMNS))
                .execute(Tuple.of(messageId))
                .map(OutgoingMessages::toOutgoing);
    }

    /**
     * Claims up to {@code limit} messages left 'sending' since before {@code startedBefore}: their
     * attempts were interrupted (a crash between the provider call and the commit of its outcome).
     */
    public Uni<List<Attempt>> claimInterrupted(SqlClient tx, Instant startedBefore, int limit) {
        return tx.preparedQuery("""
                        select %s, to_phone, route, provider, attempts, coalesce(sent_text, text) as sent_text
                        from outgoing_message
                        where status = 'sending' and sending_since < $1
                        order by sending_since limit $2 for update skip locked""".formatted(OUTGOING_COLUMNS))
                .execute(Tuple.of(utc(startedBefore), limit))
                .map(rows -> {
                    List<Attempt> interrupted = new ArrayList<>();
                    rows.forEach(row -> interrupted.add(new Attempt(toOutgoing(row), row.getString("to_phone"),
                            SmsText.of(row.getString("sent_text")), row.getString("route"), row.getString("provider"),
                            row.getInteger("attempts"), null)));
                    return interrupted;
                });
    }

    /** Moves the start of interrupted attempts, so recovery looks at them again a lease later. */
    public Uni<Void> restartLeases(SqlClient tx, List<String> messageIds, Instant sendingSince) {
        return tx.preparedQuery("""
                        update outgoing_message set sending_since = $2
                        where message_id = any($1) and status = 'sending'""")
                .execute(Tuple.of(messageIds.toArray(new String[0]), utc(sendingSince)))
                .replaceWithVoid();
    }

    /**
     * Locks an interrupted attempt for its settlement if it still holds the lease its recovery
     * took at {@code sendingSince}: false if it was settled or taken over meanwhile.
     */
    public Uni<Boolean> holdsLease(SqlClient tx, String messageId, Instant sendingSince) {
        return tx.preparedQuery("""
                        select 1 from outgoing_message
                        where message_id = $1 and status = 'sending' and sending_since = $2 for update""")
                .execute(Tuple.of(messageId, utc(sendingSince)))
                .map(rows -> rows.size() > 0);
    }

    /**
     * Puts messages back in the queue until their time, in one statement, each with its age as
     * the message says (moved forward where Drip's own rules made it wait).
     */
    public Uni<Void> postponeAll(SqlClient tx, List<Outgoing> messages, List<Instant> until) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        update outgoing_message o set next_attempt_at = r.due, age_from = r.age
                        from unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) as r(m, due, age)
                        where o.message_id = r.m""")
                .execute(Tuple.of(messages.stream().map(Outgoing::messageId).toArray(String[]::new),
                        until.stream().map(OutgoingMessages::utc).toArray(OffsetDateTime[]::new),
                        messages.stream().map(m -> utc(m.ageFrom())).toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    /**
     * Commits attempts before their provider calls, in one statement: each message is 'sending' on
     * its route and provider from {@code now}, with the text as sent and where its number belongs
     * (for reports). Returns each message's attempt number.
     */
    public Uni<Map<String, Integer>> markSendingAll(SqlClient tx, List<Sending> attempts, Instant now) {
        if (attempts.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<NumberInfo> numbers = attempts.stream().map(a -> NumberInfo.of(a.to())).toList();
        return tx.preparedQuery("""
                        update outgoing_message o set status = 'sending', route = r.route, provider = r.provider,
                          to_phone = r.to_phone, sending_since = $11, next_attempt_at = null, attempts = o.attempts + 1,
                          sent_text = r.sent_text, encoding = r.encoding, segments = r.segments, country = r.country,
                          region = r.region, carrier = r.carrier
                        from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[],
                          $8::text[], $9::text[], $10::text[])
                          as r(message_id, route, provider, to_phone, sent_text, encoding, segments, country, region, carrier)
                        where o.message_id = r.message_id
                        returning o.message_id, o.attempts""")
                .execute(Tuple.tuple()
                        .addArrayOfString(attempts.stream().map(a -> a.message().messageId()).toArray(String[]::new))
                        .addArrayOfString(attempts.stream().map(Sending::route).toArray(String[]::new))
                        .addArrayOfString(attempts.stream().map(Sending::provider).toArray(String[]::new))
                        .addArrayOfString(attempts.stream().map(Sending::to).toArray(String[]::new))
                        .addArrayOfString(attempts.stream().map(a -> a.sms().text()).toArray(String[]::new))
                        .addArrayOfString(attempts.stream().map(a -> a.sms().encoding().name()).toArray(String[]::new))
                        .addArrayOfInteger(attempts.stream().map(a -> a.message().segments(a.sms())).toArray(Integer[]::new))
                        .addArrayOfString(numbers.stream().map(NumberInfo::country).toArray(String[]::new))
                        .addArrayOfString(numbers.stream().map(NumberInfo::region).toArray(String[]::new))
                        .addArrayOfString(numbers.stream().map(NumberInfo::carrier).toArray(String[]::new))
                        .addOffsetDateTime(utc(now)))
                .map(rows -> {
                    Map<String, Integer> numbered = new HashMap<>();
                    rows.forEach(row -> numbered.put(row.getString("message_id"), row.getInteger("attempts")));
                    return numbered;
                });
    }

    /**
     * Records, in one statement, that the provider took these messages at {@code at}; returns the
     * ids of those recorded, leaving out any no longer 'sending' (recovery settled it meanwhile).
     */
    public Uni<Set<String>> markSentAll(SqlClient tx, List<Sent> sent, Instant at) {
        if (sent.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return tx.preparedQuery("""
                        update outgoing_message o set status = 'sent', provider = r.provider,
                          provider_message_id = r.provider_message_id, segments = coalesce(r.segments, o.segments),
                          sent_at = $7, sending_since = null, cost = r.cost::numeric, cost_currency = r.currency
                        from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[])
                          as r(message_id, provider, provider_message_id, segments, cost, currency)
                        where o.message_id = r.message_id and o.status = 'sending'
                        returning o.message_id""")
                .execute(Tuple.tuple()
                        .addArrayOfString(sent.stream().map(Sent::messageId).toArray(String[]::new))
                        .addArrayOfString(sent.stream().map(Sent::provider).toArray(String[]::new))
                        .addArrayOfString(sent.stream().map(Sent::providerMessageId).toArray(String[]::new))
                        .addArrayOfInteger(sent.stream().map(Sent::segments).toArray(Integer[]::new))
                        .addArrayOfString(sent.stream().map(s -> s.cost() == null ? null : s.cost().amount().toPlainString())
                                .toArray(String[]::new))
                        .addArrayOfString(sent.stream().map(s -> s.cost() == null ? null : s.cost().currency())
                                .toArray(String[]::new))
                        .addOffsetDateTime(utc(at)))
                .map(rows -> {
                    Set<String> recorded = new HashSet<>();
                    rows.forEach(row -> recorded.add(row.getString("message_id")));
                    return recorded;
                });
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

    /**
     * Final outcomes of many messages in one statement: failed or suppressed before any attempt, or
     * reported by receipts; {@code at} is when a delivered one was delivered.
     */
    public Uni<Void> markFinalAll(SqlClient tx, List<String> messageIds, List<String> statuses, List<String> reasons,
            List<Instant> at) {
        if (messageIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        update outgoing_message o set status = r.status, reason = r.reason, next_attempt_at = null,
                          sending_since = null,
                          delivered_at = case when r.status = 'delivered' then r.at else o.delivered_at end
                        from unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) as r(message_id, status, reason, at)
                        where o.message_id = r.message_id""")
                .execute(Tuple.of(messageIds.toArray(new String[0]), statuses.toArray(new String[0]),
                        reasons.toArray(new String[0]), at.stream().map(OutgoingMessages::utc).toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    /** An attempt about to be committed: the message, where it goes, its text as sent and its route and provider. */
    public record Sending(Outgoing message, String to, SmsText sms, String route, String provider) {
    }

    /** What a provider took: its id for the message, the segments and the cost that count. */
    public record Sent(String messageId, String provider, String providerMessageId, Integer segments, Price cost) {
    }

    private static List<Outgoing> toOutgoing(RowSet<Row> rows) {
        List<Outgoing> messages = new ArrayList<>();
        rows.forEach(row -> messages.add(toOutgoing(row)));
        return messages;
    }

    private static Outgoing toOutgoing(Row row) {
        SendWindow window = row.getString("window_from") == null ? null
                : SendWindow.parse(row.getString("window_from"), row.getString("window_to"));
        return new Outgoing(row.getString("message_id"), row.getString("contact_id"), row.getString("category"),
                row.getString("text"), window, row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("queued_at").toInstant(), row.getOffsetDateTime("age_from").toInstant(),
                row.getString("pinned_provider"),
                SendCommand.answersInbound(row.getString("idempotency_key")), List.of(row.getArrayOfStrings("tags")),
                List.of(row.getArrayOfStrings("media")));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
