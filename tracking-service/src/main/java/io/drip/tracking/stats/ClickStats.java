package io.drip.tracking.stats;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/** Counts of clicks, humans and bots apart: the figures reports show. */
@ApplicationScoped
public class ClickStats {
    private static final String COUNTS = """
            select count(c.click_id) as total, count(c.click_id) filter (where not c.bot) as human,
              count(distinct l.contact_id) filter (where not c.bot) as unique_human,
              count(c.click_id) filter (where c.bot) as bot
            from link l join click c on c.code = l.code
            """;
    /** The counts of one link ($1). */
    static final String OF_LINK = COUNTS + "where l.code = $1";
    /** The counts of a journey ($1), of one step ($2) and variant ($3) of it when not null. */
    static final String OF_JOURNEY = COUNTS + "where l.journey_id = $1 and ($2::text is null or l.step_id = $2)"
            + " and ($3::text is null or l.variant = $3)";

    @Inject
    Pool pool;

    public Uni<ClickCounts> ofLink(String code) {
        return counts(OF_LINK, Tuple.of(code));
    }

    /** For a journey, optionally one step and one variant of it. */
    public Uni<ClickCounts> ofJourney(String journey, String step, String variant) {
        return counts(OF_JOURNEY, Tuple.of(journey, step, variant));
    }

    /** Human clicks by the country of their address (only where a local IP database gave one). */
    public Uni<Map<String, Long>> humanByCountry(String journey, String step, String variant) {
        return pool.preparedQuery("""
                        select c.country, count(*) as clicks from link l join click c on c.code = l.code
                        where l.journey_id = $1 and ($2::text is null or l.step_id = $2)
                          and ($3::text is null or l.variant = $3) and not c.bot and c.country is not null
                        group by c.country order by c.country""")
                .execute(Tuple.of(journey, step, variant)).map(rows -> {
                    Map<String, Long> byCountry = new LinkedHashMap<>();
                    for (Row row : rows) {
                        byCountry.put(row.getString("country"), row.getLong("clicks"));
                    }
                    return byCountry;
                });
    }

    private Uni<ClickCounts> counts(String sql, Tuple parameters) {
        return pool.preparedQuery(sql).execute(parameters).map(rows -> {
            Row row = rows.iterator().next();
            return new ClickCounts(row.getLong("total"), row.getLong("human"), row.getLong("unique_human"),
                    row.getLong("bot"));
        });
    }
}
