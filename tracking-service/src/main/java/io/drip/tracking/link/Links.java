package io.drip.tracking.link;

import io.drip.contracts.SendCommand;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.Optional;

/** The link table. */
@ApplicationScoped
public class Links {

    /** Registers the command's links; a code registered before keeps its first registration. */
    public Uni<Void> register(SqlClient tx, SendCommand command) {
        return Multi.createFrom().iterable(command.links())
                .onItem().transformToUniAndConcatenate(link -> tx.preparedQuery("""
                                insert into link (code, url, message_id, contact_id, journey_id, step_id, variant, created_at)
                                values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (code) do nothing""")
                        .execute(Tuple.from(new Object[] {link.code(), link.url(), command.messageId(),
                                command.contactId(), command.journeyId(), command.stepId(), command.variant(),
                                command.createdAt().atOffset(ZoneOffset.UTC)})))
                .collect().last().replaceWithVoid();
    }

    public Uni<Optional<Link>> find(SqlClient db, String code) {
        return db.preparedQuery("""
                        select code, url, message_id, contact_id, journey_id, step_id, variant from link where code = $1""")
                .execute(Tuple.of(code))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Link(row.getString("code"), row.getString("url"), row.getString("message_id"),
                            row.getString("contact_id"), row.getString("journey_id"), row.getString("step_id"),
                            row.getString("variant")));
                });
    }
}
