package io.drip.contact.profile;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.Click;
import io.drip.contracts.MessageJson;
import io.drip.contracts.Topics;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Clicks on drip.clicks.v1 move a contact's last activity time, unless tracking flagged them as a bot's. */
@QuarkusTest
class ClickActivityTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Click click(String contactId, Instant at, boolean bot) {
        return new Click(UUID.randomUUID().toString(), "Ab3dE5gH9k", UUID.randomUUID().toString(), contactId, "welcome",
                "hello", null, at, "203.0.113.0", "Mozilla/5.0 (iPhone)", bot ? "bot" : "mobile", bot, null);
    }

    private static Instant lastActivity(String contactId) {
        String at = given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/contacts/" + contactId)
                .then().statusCode(200).extract().path("lastActivityAt");
        return at == null ? null : Instant.parse(at);
    }

    @Test
    void aPersonsClickIsActivityABotsIsNot() {
        String contactId = "click-" + UUID.randomUUID();
        given().header("Authorization", TestKeys.bearer(TestKeys.MARKETER)).contentType(ContentType.JSON)
                .body("{\"traits\":{\"first_name\":\"Ada\"}}").put("/v1/contacts/" + contactId).then().statusCode(200);
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        TopicProbe.produce(Topics.CLICKS, contactId, MessageJson.write(click(contactId, base.plusSeconds(60), false)));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(base.plusSeconds(60), lastActivity(contactId)));

        // same key, same partition: the person's later click is applied after the bot's
        TopicProbe.produce(Topics.CLICKS, contactId, MessageJson.write(click(contactId, base.plusSeconds(7200), true)));
        TopicProbe.produce(Topics.CLICKS, contactId, MessageJson.write(click(contactId, base.plusSeconds(3600), false)));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(base.plusSeconds(3600), lastActivity(contactId)));
    }

    @Test
    void aClickThatCannotBeReadGoesToTheDeadLetterTopic() {
        String key = "click-" + UUID.randomUUID();
        try (var dlq = TopicProbe.watch(Topics.CLICKS + ".dlq")) {
            TopicProbe.produce(Topics.CLICKS, key, "{\"clickId\":\"x\",\"bot\":false}");
            dlq.await(r -> key.equals(r.key()), WAIT);
        }
    }
}
