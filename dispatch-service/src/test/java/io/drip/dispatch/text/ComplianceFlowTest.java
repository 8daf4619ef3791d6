package io.drip.dispatch.text;

import static io.drip.dispatch.Sends.contactWith;
import static io.drip.dispatch.Sends.is;
import static io.drip.dispatch.Sends.randomNumber;
import static io.drip.dispatch.Sends.send;
import static io.drip.dispatch.Sends.sendMarketing;
import static io.drip.dispatch.Sends.status;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.Topics;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Compliance text, segments and country rules on the way out (test brand: Drip). */
@QuarkusTest
class ComplianceFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aChineseContactsMarketingSmsGetsTheBrandAndTdFooterAndIsCountedInUcs2() {
        String phone = randomNumber("+316", 11);
        String contactId = contactWith(phone, "zh-CN");
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var command = sendMarketing(contactId, "您的购物车还在等您");
            var sent = status(deliveries.await(r -> is(r, command.messageId(), "sent"), WAIT));
            assertEquals(1, sent.segments());
        }
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).queryParam("to", phone)
                .get("/v1/sandbox/messages").then().statusCode(200)
                .body("[0].text", equalTo("【Drip】您的购物车还在等您回TD退订"));
    }

    @Test
    void aLongMessageIsSentInSegmentsAndOneBeyondTheMaximumIsNotSent() {
        String contactId = contactWith(randomNumber("+316", 11));
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var twoParts = send(contactId, "a".repeat(200));
            assertEquals(2, status(deliveries.await(r -> is(r, twoParts.messageId(), "sent"), WAIT)).segments());
            var sevenParts = send(contactId, "b".repeat(6 * 153 + 1));
            var failed = status(deliveries.await(r -> is(r, sevenParts.messageId(), "failed"), WAIT));
            assertEquals("too_many_segments", failed.reason());
        }
    }

    @Test
    void aTextThatLeavesAsSevenSmsBecauseOfItsPartBoundariesFailsTheSixSegmentLimit() {
        String contactId = contactWith(randomNumber("+316", 11));
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            // 918 septets (6 × 153) but no part can end in half a euro sign: 7 parts of 76
            var euros = send(contactId, "€".repeat(459));
            assertEquals("too_many_segments",
                    status(deliveries.await(r -> is(r, euros.messageId(), "failed"), WAIT)).reason());
            // 402 UTF-16 units (6 × 67) but no part can end in half an emoji: 7 parts of 33
            var emoji = send(contactId, "👋".repeat(201));
            assertEquals("too_many_segments",
                    status(deliveries.await(r -> is(r, emoji.messageId(), "failed"), WAIT)).reason());
        }
    }

    @Test
    void marketingOnADayTheCountryForbidsIsDeferredNotSent() {
        // the test profile forbids marketing to German numbers on every day
        String contactId = contactWith(randomNumber("+49151", 13));
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var command = sendMarketing(contactId, "Sale");
            var queued = status(deliveries.await(r -> status(r).messageId().equals(command.messageId()), WAIT));
            assertEquals("queued", queued.status());
            assertEquals("no_marketing_day", queued.reason());
        }
    }
}
