package io.drip.tracking.link;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** The link table. */
@ApplicationScoped
public class Links {

    @Inject
    Event<LinksRegistered> registered;

    /**
     * Registers links; a code registered before keeps its first registration (idempotent). Once the
     * transaction commits, {@link LinksRegistered} says so (unknown codes stop being unknown).
     */
    public Uni<Void> register(SqlClient tx, List<Link> links) {
        if (links.isEmpty()) {
            return Uni.createFrom().voidItem(); // the client refuses an empty batch
        }
        // one statement for the batch (unnest), not one execution per link
        return tx.preparedQuery("""
                        insert into link (code, url, destination, message_id, contact_id, journey_id, journey_version,
                          step_id, variant, created_at, expires_at, traceparent)
                        select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                          $7::int[], $8::text[], $9::text[], $10::timestamptz[], $11::timestamptz[], $12::text[])
                        on conflict (code) do nothing""")
                .execute(Tuple.tuple()
                        .addArrayOfString(links.stream().map(Link::code).toArray(String[]::new))
                        .addArrayOfString(links.stream().map(Link::url).toArray(String[]::new))
                        .addArrayOfString(links.stream().map(Link::destination).toArray(String[]::new))
                        .addArrayOfString(links.stream().map(Link::messageId).toArray(String[]::new))
                        .addArrayOfString(links.stream().map(Link::contactId).toArray(String[]::new))
                        .addArrayOfString(links.stream().map(Link::journeyId).toArray(String[]::new))
                        .addArrayOfInteger(links.stream().map(Link::journeyVersion).toArray(Integer[]::new))
                        .addArrayOfString(links.stream().map(Link::stepId).toArray(String[]::new))
                        .addArrayOfString(links.stream().map(Link::variant).toArray(String[]::new))
                        .addArrayOfOffsetDateTime(links.stream().map(link -> link.createdAt().atOffset(ZoneOffset.UTC))
                                .toArray(OffsetDateTime[]::new))
                        .addArrayOfOffsetDateTime(links.stream().map(link -> link.expiresAt().atOffset(ZoneOffset.UTC))
                                .toArray(OffsetDateTime[]::new))
                        .addArrayOfString(links.stream().map(Link::traceparent).toArray(String[]::new)))
                .invoke(() -> announceOnCommit(tx, links.stream().map(Link::code).toList()))
                .replaceWithVoid();
    }

    private void announceOnCommit(SqlClient tx, List<String> codes) {
        Transaction transaction = tx instanceof SqlConnection connection ? connection.transaction() : null;
        if (transaction == null) {
            registered.fire(new LinksRegistered(codes)); // no transaction: the insert is committed already
            return;
        }
        transaction.completion().subscribe().with(committed -> registered.fire(new LinksRegistered(codes)),
                rolledBack -> { }); // nothing was registered; the batch is applied again
    }

    public Uni<Optional<Link>> find(SqlClient db, String code) {
        return db.preparedQuery("""
                        select code, url, destination, message_id, contact_id, journey_id, journey_version, step_id,
                          variant, created_at, expires_at, traceparent
                        from link where code = $1""")
                .execute(Tuple.of(code))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(link(rows.iterator().next())));
    }

    private static Link link(Row row) {
        return new Link(row.getString("code"), row.getString("url"), row.getString("destination"),
                row.getString("message_id"), row.getString("contact_id"), row.getString("journey_id"),
                row.getInteger("journey_version"), row.getString("step_id"), row.getString("variant"),
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("expires_at").toInstant(),
                row.getString("traceparent"));
    }
}
