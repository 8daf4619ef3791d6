package io.drip.dispatch.message;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads messages and their history for the messages API. */
@ApplicationScoped
public class MessageQueries {
    private static final String COLUMNS = """
            message_id, contact_id, journey_id, step_id, category, status, reason, provider, provider_message_id, route,
            to_phone, country, carrier, encoding, segments, cost, cost_currency, attempts, created_at, sent_at, delivered_at""";

    /** The newest messages of a contact ($1), journey ($2) and status ($3), each null for any; at most $4. */
    static final String LIST = "select " + COLUMNS + """
             from outgoing_message
            where ($1::text is null or contact_id = $1) and ($2::text is null or journey_id = $2)
              and ($3::text is null or status = $3)
            order by created_at desc limit $4""";

    /** A message's ($1) status changes, oldest first. */
    static final String HISTORY = "select status, reason, provider, at from message_event where message_id = $1 order by id";

    /** A message as the API shows it. */
    public record MessageView(String messageId, String contactId, String journeyId, String stepId, String category,
            String status, String reason, String provider, String providerMessageId, String route, String to,
            String country, String carrier, String encoding, Integer segments, BigDecimal cost, String costCurrency,
            int attempts, Instant createdAt, Instant sentAt, Instant deliveredAt) {
    }

    /** One status change in a message's history. */
    public record Event(String status, String reason, String provider, Instant at) {
    }

    /** A message with the text as sent, an MMS's image URLs (empty for an SMS) and every status change. */
    public record MessageDetail(MessageView message, String text, List<String> media, List<Event> history) {
    }

    public Uni<List<MessageView>> list(SqlClient db, String contactId, String journeyId, String status, int limit) {
        return db.preparedQuery(LIST)
                .execute(Tuple.of(contactId, journeyId, status, limit))
                .map(rows -> {
                    List<MessageView> views = new ArrayList<>();
                    rows.forEach(row -> views.add(view(row)));
                    return views;
                });
    }

    public Uni<Optional<MessageDetail>> find(SqlClient db, String messageId) {
        return db.preparedQuery("select " + COLUMNS + ", coalesce(sent_text, text) as sent_text, "
                        + "array(select jsonb_array_elements_text(command->'media')) as media from outgoing_message where message_id = $1")
                .execute(Tuple.of(messageId))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Optional.<MessageDetail>empty());
                    }
                    Row row = rows.iterator().next();
                    return db.preparedQuery(HISTORY)
                            .execute(Tuple.of(messageId))
                            .map(events -> {
                                List<Event> history = new ArrayList<>();
                                events.forEach(e -> history.add(new Event(e.getString("status"), e.getString("reason"),
                                        e.getString("provider"), e.getOffsetDateTime("at").toInstant())));
                                return Optional.of(new MessageDetail(view(row), row.getString("sent_text"),
                                        List.of(row.getArrayOfStrings("media")), history));
                            });
                });
    }

    private static MessageView view(Row row) {
        return new MessageView(row.getString("message_id"), row.getString("contact_id"), row.getString("journey_id"),
                row.getString("step_id"), row.getString("category"), row.getString("status"), row.getString("reason"),
                row.getString("provider"), row.getString("provider_message_id"), row.getString("route"),
                row.getString("to_phone"), row.getString("country"), row.getString("carrier"), row.getString("encoding"),
                row.getInteger("segments"), row.getBigDecimal("cost"), row.getString("cost_currency"), row.getInteger("attempts"), instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("sent_at")), instant(row.getOffsetDateTime("delivered_at")));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
