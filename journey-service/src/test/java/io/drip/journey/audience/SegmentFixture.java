package io.drip.journey.audience;

import static io.restassured.RestAssured.given;

import io.drip.testing.TestKeys;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Large segments in journey-service's projection of the contacts, for the audience tests, and
 * their removal; the journeys' YAML posted with a key.
 */
final class SegmentFixture {

    private SegmentFixture() {
    }

    /**
     * {@code count} members of {@code segment}, ids {@code prefix000001} on, as contact-service's
     * snapshots would leave them: the odd ones in Sydney, the even ones in Paris. One statement.
     */
    static void members(Pool pool, String segment, String prefix, int count) {
        execute(pool, """
                        insert into contact_snapshot (id, version, snapshot, updated_at)
                        select id, 1, jsonb_build_object('contactId', id, 'version', 1,
                          'phone', '+3361' || lpad(g::text, 7, '0'), 'phoneStatus', 'valid',
                          'timezone', case when g % 2 = 0 then 'Europe/Paris' else 'Australia/Sydney' end,
                          'locale', 'fr-FR', 'traits', '{}'::jsonb, 'consent', '{}'::jsonb,
                          'updatedAt', '2026-12-01T00:00:00Z', 'segments', jsonb_build_array($1::text)), now()
                        from generate_series(1, $3) g, lateral (select $2 || lpad(g::text, 6, '0') as id) i""",
                segment, prefix, count);
    }

    /** POST of a journey's YAML with the key of a role. */
    static ValidatableResponse postYaml(String key, String path, String yaml) {
        return given().header("Authorization", TestKeys.bearer(key)).contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8)).post(path).then();
    }

    /** Leaves the shared test database as small as the other tests expect it: the journey's runs and the members go. */
    static void remove(Pool pool, String journeyId, String prefix) {
        execute(pool, "delete from run_history where run_id in (select id from journey_run where journey_id = $1)",
                journeyId);
        execute(pool, "delete from journey_run where journey_id = $1", journeyId);
        execute(pool, "delete from contact_snapshot where id like $1", prefix + "%");
    }

    /** A statement over many rows (Rows gives a statement 5 s). */
    private static void execute(Pool pool, String sql, Object... params) {
        pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(60));
    }
}
