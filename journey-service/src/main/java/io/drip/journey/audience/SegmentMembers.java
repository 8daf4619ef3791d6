package io.drip.journey.audience;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The members of a contact-service segment as journey-service's own projection of
 * {@code drip.contacts.v1} knows them: contact-service evaluates membership (RFM segments too) and
 * publishes each contact's snapshot again with its {@code segments} when it changes
 * (docs/segments.md). Read page by page in contact id order after a keyset cursor, so no more
 * than one page is ever held, however large the segment.
 */
@ApplicationScoped
public class SegmentMembers {

    /** One page of members, with their snapshots, and the cursor after it (null on the last page). */
    public record Page(List<ContactSnapshot> members, String next) {
        public List<String> contactIds() {
            return members.stream().map(ContactSnapshot::contactId).toList();
        }
    }

    /** How many members the segment has now. */
    public Uni<Long> size(SqlClient db, String segment) {
        return db.preparedQuery("select count(*) from contact_snapshot where snapshot -> 'segments' ? $1")
                .execute(Tuple.of(segment))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Up to {@code limit} members whose contact id comes after {@code after} (null: from the first). */
    public Uni<Page> page(SqlClient db, String segment, String after, int limit) {
        return db.preparedQuery("""
                        select id, snapshot::text as snapshot from contact_snapshot
                        where id > $2 and snapshot -> 'segments' ? $1 order by id limit $3""")
                .execute(Tuple.of(segment, after == null ? "" : after, limit))
                .map(rows -> {
                    List<ContactSnapshot> members = new ArrayList<>();
                    rows.forEach(row -> members.add(MessageJson.readStored(row.getString("snapshot"), ContactSnapshot.class)));
                    return new Page(members, members.size() == limit ? members.get(limit - 1).contactId() : null);
                });
    }
}
