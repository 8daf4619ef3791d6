package io.drip.journey.definition;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The journey_version and journey_status tables: every version of every journey, and its status. */
@ApplicationScoped
public class JourneyStore {
    public static final String ACTIVE = "active";
    public static final String PAUSED = "paused";
    public static final String ARCHIVED = "archived";

    /** A stored version, not yet read. */
    public record StoredVersion(String journeyId, int version, String yaml, String origin) {
    }

    /** The version number of the journey and its status. */
    public record Published(int version, boolean created, String status) {
    }

    /**
     * Stores {@code yaml} as the journey's next version, unless it is the text of its latest
     * version already; a journey seen for the first time is active. Replicas that publish the
     * same file at once take turns on an advisory lock, so they agree on one version.
     */
    public Uni<Published> publish(SqlConnection tx, String journeyId, String yaml, String origin) {
        String checksum = checksum(yaml);
        return tx.preparedQuery("select pg_advisory_xact_lock(hashtext('journey:' || $1))").execute(Tuple.of(journeyId))
                .chain(() -> tx.preparedQuery("""
                                insert into journey_status (journey_id, status) values ($1, 'active')
                                on conflict (journey_id) do nothing""").execute(Tuple.of(journeyId)))
                .chain(() -> tx.preparedQuery("""
                                select v.version, v.checksum, s.status from journey_status s
                                left join journey_version v on v.journey_id = s.journey_id
                                where s.journey_id = $1 order by v.version desc nulls last limit 1""")
                        .execute(Tuple.of(journeyId)))
                .chain(rows -> {
                    Row latest = rows.iterator().next();
                    Integer version = latest.getInteger("version");
                    String status = latest.getString("status");
                    if (version != null && checksum.equals(latest.getString("checksum"))) {
                        return Uni.createFrom().item(new Published(version, false, status));
                    }
                    int next = version == null ? 1 : version + 1;
                    return tx.preparedQuery("""
                                    insert into journey_version (journey_id, version, yaml, origin, checksum)
                                    values ($1, $2, $3, $4, $5)""")
                            .execute(Tuple.of(journeyId, next, yaml, origin, checksum))
                            .replaceWith(new Published(next, true, status));
                });
    }

    /** Sets the journey's status; false if there is no such journey. */
    public Uni<Boolean> setStatus(SqlClient tx, String journeyId, String status) {
        return tx.preparedQuery("update journey_status set status = $2, updated_at = now() where journey_id = $1")
                .execute(Tuple.of(journeyId, status))
                .map(result -> result.rowCount() == 1);
    }

    /** Every journey's status. */
    public Uni<Map<String, String>> statuses(SqlClient client) {
        return client.query("select journey_id, status from journey_status").execute().map(rows -> {
            Map<String, String> statuses = new HashMap<>();
            rows.forEach(row -> statuses.put(row.getString("journey_id"), row.getString("status")));
            return statuses;
        });
    }

    /** The versions numbered above {@code known} (per journey, as "id:version" strings), oldest first. */
    public Uni<List<StoredVersion>> versionsNotIn(SqlClient client, List<String> known) {
        return client.preparedQuery("""
                        select journey_id, version, yaml, origin from journey_version
                        where not (journey_id || ':' || version = any($1)) order by journey_id, version""")
                .execute(Tuple.of(known.toArray(String[]::new)))
                .map(rows -> {
                    List<StoredVersion> versions = new ArrayList<>();
                    rows.forEach(row -> versions.add(new StoredVersion(row.getString("journey_id"),
                            row.getInteger("version"), row.getString("yaml"), row.getString("origin"))));
                    return versions;
                });
    }

    /** Version {@code version} of the journey as stored; empty if there is none. */
    public Uni<Optional<StoredVersion>> version(SqlClient client, String journeyId, int version) {
        return client.preparedQuery("select yaml, origin from journey_version where journey_id = $1 and version = $2")
                .execute(Tuple.of(journeyId, version))
                .map(rows -> rows.size() == 0 ? Optional.<StoredVersion>empty() : Optional.of(new StoredVersion(journeyId,
                        version, rows.iterator().next().getString("yaml"), rows.iterator().next().getString("origin"))));
    }

    static String checksum(String yaml) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(yaml.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
