package io.drip.contact.segments;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.testing.QueryPlans;
import io.drip.testing.Rows;
import io.drip.testing.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RFM at scale (issue 19): the recompute scores contacts in chunks against boundaries, with the
 * same scores as the whole-table computation it replaced, and never holds a contact's lock for
 * the length of a run.
 */
@QuarkusTest
class RfmAtScaleTest {
    private static final Duration RUN = Duration.ofSeconds(90);

    /** The whole-table computation the recompute replaced: every contact's scores at once. */
    private static final String WHOLE_TABLE = """
            with stats as (
              select o.contact_id, count(*) as orders, sum(o.revenue) as revenue, max(o.at) as last_order_at
              from order_event o join contact c on c.id = o.contact_id group by o.contact_id)
            select s.*,
              least(5, greatest(1, ceil(cume_dist() over (order by last_order_at) * 5)))::int as r,
              least(5, greatest(1, ceil(cume_dist() over (order by orders) * 5)))::int as f,
              least(5, greatest(1, ceil(cume_dist() over (order by revenue) * 5)))::int as m
            from stats s""";

    @Inject
    Pool pool;

    @Inject
    RfmRecompute rfm;

    @AfterEach
    void emptyRfm() {
        for (String sql : new String[] {"delete from order_event", "delete from contact_rfm", "delete from rfm_boundary",
                "delete from contact where id like 'rfm-scale-%'"}) {
            pool.query(sql).execute().await().atMost(RUN);
        }
    }

    /**
     * 97 contacts with orders, many tied in each dimension, scored in chunks of 7: every score is
     * the whole-table computation's.
     */
    @Test
    void chunkedScoresEqualTheWholeTableComputation() {
        emptyRfm();
        contacts(97);
        pool.query("""
                insert into order_event (message_id, contact_id, revenue, at)
                select 'o-' || g || '-' || n, 'rfm-scale-' || g, (g * 37 % 11) * 10 + n, now() - (g % 13) * interval '1 day'
                from generate_series(1, 97) g, generate_series(1, 1 + g % 7) n""").execute().await().atMost(RUN);

        assertEquals(97, rfm.recompute(7).await().atMost(RUN));

        assertEquals(97L, Rows.count(pool, "select count(*) from contact_rfm"));
        assertEquals(0L, Rows.count(pool, "with whole as (" + WHOLE_TABLE + """
                ) select count(*) from whole w full join contact_rfm x on x.contact_id = w.contact_id
                where (w.r, w.f, w.m, w.orders::int, w.revenue, w.last_order_at)
                  is distinct from (x.recency, x.frequency, x.monetary, x.orders, x.revenue, x.last_order_at)"""));
        assertEquals(0, rfm.recompute(7).await().atMost(RUN), "scores are stable when nothing changed");
    }

    /**
     * 1,000,000 orders of 200,000 contacts: the recompute completes, and a consent change to a
     * contact whose chunk is still to come commits at once while the recompute runs.
     */
    @Test
    void aMillionOrdersAreRecomputedWhileConsentChangesCommit() throws Exception {
        emptyRfm();
        contacts(200_000);
        pool.query("""
                insert into order_event (message_id, contact_id, revenue, at)
                select 'o-' || g, 'rfm-scale-' || g % 200000 + 1, g % 97, now() - (g % 365) * interval '1 day'
                from generate_series(1, 1000000) g""").execute().await().atMost(RUN);
        pool.query("analyze order_event, contact").execute().await().atMost(RUN);
        // a chunk reads its contacts' orders by index, never all orders
        String[] chunk = {"rfm-scale-4711", "rfm-scale-4712"};
        QueryPlans.assertNoneReadWhole(Map.of(
                "next chunk", QueryPlans.explain(pool, RfmRecompute.NEXT_CHUNK, Tuple.of("rfm-scale-4711", 1000))
                        .await().atMost(RUN),
                "scores", QueryPlans.explain(pool, RfmScores.SCORES, Tuple.of((Object) chunk)).await().atMost(RUN)),
                List.of("order_event", "contact"));

        // the first request of a test run is slow for reasons of its own (RestAssured's start)
        consent().get("/v1/contacts/rfm-scale-99999/consent").then().statusCode(200);
        CompletableFuture<Integer> run = rfm.recompute().subscribeAsCompletionStage();
        Awaitility.await().atMost(RUN).until(() -> Rows.count(pool, "select count(*) from contact_rfm") > 0);
        long started = System.nanoTime();
        // the last contact by id: in the single transaction of the old recompute it stayed locked to the end
        consent().body("{\"state\":\"opted_out\"}").put("/v1/contacts/rfm-scale-99999/consent/sms/marketing")
                .then().statusCode(200);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertFalse(run.isDone(), "the recompute ended before the consent change; it proves nothing");
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "the consent change took " + took);

        assertEquals(200_000, run.get(RUN.toSeconds(), TimeUnit.SECONDS));
        assertEquals(200_000L, Rows.count(pool, "select count(*) from contact_rfm"));
        assertEquals(4L, Rows.count(pool, "select count(*) from rfm_boundary"));
    }

    private static RequestSpecification consent() {
        return given().header("Authorization", TestKeys.bearer(TestKeys.MARKETER)).contentType(ContentType.JSON);
    }

    /** Contacts rfm-scale-1 to -n, already evaluated for segments. */
    private void contacts(int n) {
        pool.query("""
                insert into contact (id, version, phone_status, timezone, updated_at, segments_version)
                select 'rfm-scale-' || g, 1, 'missing', 'UTC', now(), 1 from generate_series(1, %d) g""".formatted(n))
                .execute().await().atMost(RUN);
    }
}
