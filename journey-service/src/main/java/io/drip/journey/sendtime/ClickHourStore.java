package io.drip.journey.sendtime;

import io.drip.contracts.Click;
import io.drip.contracts.ContactSnapshot;
import io.drip.journey.engine.ClickHours;
import io.drip.journey.engine.HourCounts;
import io.drip.journey.engine.StepWalker;
import io.drip.kit.contacts.ContactSnapshots;
import io.drip.kit.phone.PhoneCountry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * When contacts click, for {@code best_time} send steps: per contact and per country, the human
 * clicks in each local hour of day (the contact's time zone at the click). A click counts once
 * (the consumer drops repeats) and only for a contact whose snapshot journey-service holds: an
 * erased contact's late clicks count nowhere. The country's counts hold no person's data and stay
 * when a contact is erased; the contact's go ({@link #forget}).
 */
@ApplicationScoped
public class ClickHourStore {

    @Inject
    ContactSnapshots contacts;

    @Inject
    StepWalker walker;

    /** Where a count goes: a contact or a country, and an hour. */
    private record Cell(String key, int hour) {
        static final Comparator<Cell> ORDER = Comparator.comparing(Cell::key).thenComparingInt(Cell::hour);
    }

    /** Counts a batch of human clicks, one statement per table whatever the batch's size. */
    public Uni<Void> count(SqlClient tx, List<Click> clicks) {
        if (clicks.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<String> ids = clicks.stream().map(Click::contactId).collect(Collectors.toSet());
        return contacts.findAll(tx, ids).chain(snapshots -> {
            // sorted, so that batches counting the same country at once lock its rows in one order
            Map<Cell, Long> own = new TreeMap<>(Cell.ORDER);
            Map<Cell, Long> countries = new TreeMap<>(Cell.ORDER);
            for (Click click : clicks) {
                ContactSnapshot contact = snapshots.get(click.contactId());
                if (contact != null) {
                    int hour = click.at().atZone(walker.zoneOf(contact)).getHour();
                    own.merge(new Cell(contact.contactId(), hour), 1L, Long::sum);
                    String country = PhoneCountry.of(contact.phone());
                    if (country != null) {
                        countries.merge(new Cell(country, hour), 1L, Long::sum);
                    }
                }
            }
            return add(tx, "contact_click_hour", "contact_id", own).chain(() -> add(tx, "country_click_hour", "country",
                    countries));
        });
    }

    private static Uni<Void> add(SqlClient tx, String table, String keyColumn, Map<Cell, Long> counts) {
        if (counts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("insert into " + table + " (" + keyColumn + ", hour, clicks) "
                        + "select k, h, n from unnest($1::text[], $2::int[], $3::bigint[]) with ordinality as u(k, h, n, i) "
                        + "order by i on conflict (" + keyColumn + ", hour) do update set clicks = " + table
                        + ".clicks + excluded.clicks")
                .execute(Tuple.of(counts.keySet().stream().map(Cell::key).toArray(String[]::new),
                        counts.keySet().stream().map(Cell::hour).toArray(Integer[]::new),
                        counts.values().toArray(Long[]::new)))
                .replaceWithVoid();
    }

    /** The click hours of these contacts and of their countries, in one round trip. */
    public Uni<Map<String, ClickHours>> read(SqlClient db, Collection<ContactSnapshot> of) {
        if (of.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Map<String, String> countryOf = new HashMap<>();
        of.forEach(contact -> countryOf.put(contact.contactId(), PhoneCountry.of(contact.phone())));
        return db.preparedQuery("""
                        select 'contact' as kind, contact_id as key, hour, clicks from contact_click_hour
                        where contact_id = any($1)
                        union all
                        select 'country', country, hour, clicks from country_click_hour where country = any($2)""")
                .execute(Tuple.of(countryOf.keySet().toArray(String[]::new),
                        countryOf.values().stream().filter(Objects::nonNull).distinct().toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Map<Integer, Long>> contactCounts = new HashMap<>();
                    Map<String, Map<Integer, Long>> countryCounts = new HashMap<>();
                    for (Row row : rows) {
                        ("contact".equals(row.getString("kind")) ? contactCounts : countryCounts)
                                .computeIfAbsent(row.getString("key"), key -> new HashMap<>())
                                .put(row.getInteger("hour"), row.getLong("clicks"));
                    }
                    Map<String, ClickHours> hours = new HashMap<>();
                    countryOf.forEach((contactId, country) -> hours.put(contactId, new ClickHours(
                            HourCounts.of(contactCounts.getOrDefault(contactId, Map.of())), country,
                            country == null ? HourCounts.NONE
                                    : HourCounts.of(countryCounts.getOrDefault(country, Map.of())))));
                    return hours;
                });
    }

    /** An erased contact's click hours go (its country keeps the counts, which name no one). */
    public Uni<Void> forget(SqlClient tx, String contactId) {
        return tx.preparedQuery("delete from contact_click_hour where contact_id = $1").execute(Tuple.of(contactId))
                .replaceWithVoid();
    }
}
