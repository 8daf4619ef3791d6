package io.drip.kit.consent;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A service's own list of numbers that opted out of SMS categories by keyword, kept as keyed
 * hashes ({@link NumberHashes}) so that erasing a person leaves the opt-out of their number in
 * place. Only the number itself lifts it (START, or Y confirming a double opt-in). A service
 * using it adds {@code db/suppression} to its Flyway locations.
 */
@ApplicationScoped
public class SuppressionList {

    private final NumberHashes hashes;

    public SuppressionList(NumberHashes hashes) {
        this.hashes = hashes;
    }

    public Uni<Void> suppress(SqlClient tx, String phone, List<String> categories, Instant at) {
        List<Tuple> rows = categories.stream().map(category -> Tuple.of(hash(phone), category, at.atOffset(ZoneOffset.UTC))).toList();
        return tx.preparedQuery("""
                        insert into suppressed_number (number_hash, category, at) values (decode($1, 'hex'), $2, $3)
                        on conflict (number_hash, category) do update set at = greatest(suppressed_number.at, excluded.at)""")
                .executeBatch(rows).replaceWithVoid();
    }

    public Uni<Void> lift(SqlClient tx, String phone, List<String> categories) {
        return tx.preparedQuery("delete from suppressed_number where number_hash = decode($1, 'hex') and category = any($2)")
                .execute(Tuple.of(hash(phone), categories.toArray(new String[0]))).replaceWithVoid();
    }

    /** Since when each of these numbers is suppressed, by category (numbers in none are left out). */
    public Uni<Map<String, Map<String, Instant>>> since(SqlClient tx, Collection<String> phones) {
        Map<String, String> byHash = new HashMap<>();
        phones.forEach(phone -> byHash.put(hash(phone), phone));
        if (byHash.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return tx.preparedQuery("""
                        select encode(number_hash, 'hex') as number_hash, category, at from suppressed_number
                        where number_hash = any(select decode(h, 'hex') from unnest($1::text[]) h)""")
                .execute(Tuple.of(byHash.keySet().toArray(new String[0])))
                .map(rows -> {
                    Map<String, Map<String, Instant>> found = new HashMap<>();
                    rows.forEach(row -> found.computeIfAbsent(byHash.get(row.getString("number_hash")), p -> new HashMap<>())
                            .put(row.getString("category"), row.getOffsetDateTime("at").toInstant()));
                    return found;
                });
    }

    private String hash(String phone) {
        return HexFormat.of().formatHex(hashes.of(phone));
    }
}
