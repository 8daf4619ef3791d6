package io.drip.tracking;

import static io.drip.tracking.Sends.WAIT;
import static io.drip.tracking.Sends.ANDROID;
import static io.drip.tracking.Sends.awaitRegistered;
import static io.drip.tracking.Sends.code;
import static io.drip.tracking.Sends.noRedirects;
import static io.drip.tracking.Sends.produce;
import static io.drip.tracking.Sends.viewer;
import static io.drip.tracking.Sends.withLink;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.Click;
import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Previews, prefetches, HEADs and too-early clicks are recorded, flagged, and kept out of human counts. */
@QuarkusTest
class BotClickTest {
    private static final String IMESSAGE_PREVIEW = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4"
            + " (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0";

    @Inject
    Pool pool;

    private SendCommand registered(String journey) {
        String code = code();
        SendCommand send = withLink("c-" + UUID.randomUUID(), code, "https://shop.example/", Instant.now(), null);
        send = new SendCommand(send.messageId(), send.idempotencyKey(), send.contactId(), journey, 1, "reminder", "A",
                "sms", "marketing", "x", send.links(), null, null, send.createdAt(), null, null);
        produce(send);
        awaitRegistered(code);
        return send;
    }

    private void delivered(SendCommand send, Instant at) {
        TopicProbe.produce(Topics.DELIVERIES, send.contactId(), MessageJson.write(new DeliveryStatus(send.messageId(),
                send.contactId(), DeliveryStatus.DELIVERED, null, "sandbox", "p-" + send.messageId(), 1, at)));
        Awaitility.await().atMost(WAIT).until(() -> pool.preparedQuery("select 1 from delivery where message_id = $1")
                .execute(Tuple.of(send.messageId())).await().indefinitely().size() == 1);
    }

    private String clickReason(SendCommand send, UnaryOperator<RequestSpecification> request, boolean head) {
        String code = send.links().get(0).code();
        try (var clicks = TopicProbe.watch(Topics.CLICKS)) {
            var spec = request.apply(noRedirects());
            (head ? spec.head("/" + code) : spec.get("/" + code)).then().statusCode(302);
            Click click = MessageJson.read(clicks.await(r -> send.contactId().equals(r.key()), WAIT).value(),
                    Click.class);
            String reason = pool.preparedQuery("select bot_reason from click where click_id = $1::uuid")
                    .execute(Tuple.of(click.clickId())).await().indefinitely().iterator().next().getString("bot_reason");
            assertEquals(reason != null, click.bot(), "the published flag and the stored reason agree");
            return reason;
        }
    }

    @Test
    void previewsPrefetchesHeadsAndTooEarlyClicksAreFlaggedWithTheirReason() {
        String journey = "j-" + UUID.randomUUID();
        SendCommand send = registered(journey);
        assertEquals("link_preview", clickReason(send, r -> r.header("User-Agent", IMESSAGE_PREVIEW), false));
        assertEquals("link_preview", clickReason(send, r -> r.header("User-Agent", "WhatsApp/2.23.20.0 A"), false));
        assertEquals("crawler", clickReason(send,
                r -> r.header("User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"),
                false));
        assertEquals("head_request", clickReason(send, r -> r.header("User-Agent", ANDROID), true));
        assertEquals("prefetch", clickReason(send, r -> r.header("User-Agent", ANDROID).header("Sec-Purpose", "prefetch"),
                false));
        assertEquals("no_user_agent", clickReason(send, r -> r.header("User-Agent", ""), false));
        assertEquals(null, clickReason(send, r -> r.header("User-Agent", ANDROID), false), "not delivered yet: a person");

        delivered(send, Instant.now());
        assertEquals("too_soon_after_delivery", clickReason(send, r -> r.header("User-Agent", ANDROID), false));

        SendCommand later = registered(journey);
        delivered(later, Instant.now().minus(Duration.ofMinutes(1)));
        assertEquals(null, clickReason(later, r -> r.header("User-Agent", ANDROID), false));
        assertEquals(null, clickReason(later, r -> r.header("User-Agent", ANDROID), false));

        // 10 clicks: 3 human (2 contacts), 7 bots
        viewer().get("/v1/stats/clicks?journey=" + journey).then().statusCode(200)
                .body("total", equalTo(10)).body("human", equalTo(3)).body("uniqueHuman", equalTo(2))
                .body("bot", equalTo(7));
        viewer().get("/v1/stats/clicks?journey=" + journey + "&step=reminder&variant=B").then().statusCode(200)
                .body("total", equalTo(0));
        viewer().get("/v1/links/" + later.links().get(0).code()).then().statusCode(200)
                .body("clicks.human", equalTo(2)).body("clicks.uniqueHuman", equalTo(1)).body("clicks.bot", equalTo(0));
    }

    @Test
    void theSameBatchCarriesManyConcurrentClicks() {
        SendCommand send = registered("j-" + UUID.randomUUID());
        String code = send.links().get(0).code();
        try (var clicks = TopicProbe.watch(Topics.CLICKS)) {
            List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16).parallelStream().forEach(i -> noRedirects()
                    .header("User-Agent", ANDROID).get("/" + code).then().statusCode(302));
            assertEquals(16, clicks.all(r -> send.contactId().equals(r.key()), Duration.ofSeconds(3)).size());
        }
    }
}
