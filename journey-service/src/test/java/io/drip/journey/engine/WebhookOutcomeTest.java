package io.drip.journey.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.definition.JourneyReader;
import io.drip.journey.message.MessageRenderer;
import io.drip.journey.webhook.RetryPolicy;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the walker decides at a webhook step, and what each attempt's result does to the run: no container. */
class WebhookOutcomeTest {
    private static final Instant NOW = Instant.parse("2026-05-04T12:00:00Z");
    private static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMinutes(1));
    private final StepWalker walker = new StepWalker(new MessageRenderer("https://t.example"), ZoneId.of("UTC"),
            SplitWinners.NONE, new SendTimeChooser(new SendCommand.SendWindow("00:00", "00:00")));

    private static final JourneyDefinition COUPON = JourneyReader.read("coupon.yaml", new StringReader("""
            journey: coupon
            trigger: {event: Checkout Started}
            steps:
              - id: coupon
                webhook:
                  name: coupon
                  url: "https://shop.example/coupons/{{ event.properties.cart }}?who={{ contact.traits.first_name }}"
                  headers: {X-Shop: "{{ journey.id }}"}
                  body: '{"contact": "{{ contact.contactId }}"}'
                  retries: 2
                on_failure: sorry
              - branch:
                  - when: webhook.coupon.percent >= 10
                    goto: offer
                else: sorry
              - id: offer
                send: {channel: sms, category: marketing, text: "Use {{ webhook.coupon.code }} for {{ webhook.coupon.percent }}% off"}
                goto: done
              - id: sorry
                send: {channel: sms, category: marketing, text: "Your cart is waiting"}
              - id: done
                exit: offered
            """)).withVersion(1);

    private static final ContactSnapshot ANA = contact("ana", "Ana Lí");

    private static ContactSnapshot contact(String id, String firstName) {
        var traits = MessageJson.mapper().createObjectNode();
        if (firstName != null) {
            traits.put("first_name", firstName);
        }
        return new ContactSnapshot(id, 1, "+33612345678", "valid", "Europe/Paris", "fr-FR", traits, Map.of(), NOW);
    }

    private static Run entered(String cart) {
        return new Run(UUID.fromString("00000000-0000-0000-0000-000000000001"), "coupon", 1, "ana", "", 0, null, 0, false,
                MessageJson.mapper().createObjectNode().put("event", "Checkout Started")
                        .set("properties", MessageJson.mapper().createObjectNode().put("cart", cart)),
                NOW, null, null);
    }

    private Walk.Call calling(Walk walk) {
        assertTrue(walk.calling(), "the run waits for its call");
        assertNull(walk.nextAt(), "with no timer of its own");
        return walk.effects().stream().filter(e -> e instanceof Walk.Call).map(Walk.Call.class::cast).findFirst()
                .orElseThrow();
    }

    @Test
    void theWalkerRendersTheCallWithItsOutputsUrlEncodedAndWaits() {
        Walk walk = walker.walk(COUPON, entered("a/b?c"), ANA, NOW);
        WebhookRequest request = calling(walk).request();
        assertEquals("https://shop.example/coupons/a%2Fb%3Fc?who=Ana+L%C3%AD", request.url());
        assertEquals("POST", request.method());
        assertEquals(Map.of("X-Shop", "coupon"), request.headers());
        assertEquals("{\"contact\": \"ana\"}", request.body());
        assertEquals(WebhookRequest.key(entered("x").id(), "coupon", 0), request.idempotencyKey());
        assertEquals(0, walk.run().stepIndex(), "still at the webhook step");
        assertEquals("calling", walk.effects().get(0) instanceof Walk.Note note ? note.what() : null);
    }

    @Test
    void theKeyIsTheSameForEveryAttemptOfACallAndDiffersBetweenCalls() {
        UUID run = UUID.randomUUID();
        assertEquals(WebhookRequest.key(run, "coupon", 3), WebhookRequest.key(run, "coupon", 3));
        assertNotEquals(WebhookRequest.key(run, "coupon", 3), WebhookRequest.key(run, "coupon", 7));
        assertNotEquals(WebhookRequest.key(run, "coupon", 3), WebhookRequest.key(run, "points", 3));
        assertNotEquals(WebhookRequest.key(run, "coupon", 3), WebhookRequest.key(UUID.randomUUID(), "coupon", 3));
    }

    @Test
    void retriesBackOffExponentiallyUpToTheLongestWait() {
        assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofMinutes(1),
                Duration.ofMinutes(1)), List.of(1, 2, 3, 4, 5).stream().map(POLICY::delayAfter).toList());
        assertEquals(4, POLICY.attempts(null));
        assertEquals(1, POLICY.attempts(0));
        assertEquals(Duration.ofMinutes(1), POLICY.delayAfter(64), "no overflow");
    }

    @Test
    void theAnswerIsKeptUnderItsNameForLaterConditionsAndTexts() {
        Run run = walker.walk(COUPON, entered("A"), ANA, NOW).run();
        WebhookOutcome outcome = WebhookOutcome.of(COUPON, run, new WebhookResult.Answered(200,
                "{\"code\": \"SAVE10\", \"percent\": 10}"), 1, POLICY, NOW);
        WebhookOutcome.Answered answered = assertInstanceOf(WebhookOutcome.Answered.class, outcome);
        assertEquals("SAVE10", answered.moved().webhooks().get("coupon").get("code").asText());
        assertEquals(1, answered.moved().stepIndex());
        assertEquals("attempt 1 of 3: HTTP 200, kept as webhook.coupon", answered.detail());

        Walk next = walker.walk(COUPON, answered.moved(), ANA, NOW);
        Walk.Send send = next.effects().stream().filter(e -> e instanceof Walk.Send).map(Walk.Send.class::cast)
                .findFirst().orElseThrow();
        assertEquals("offer", send.stepId(), "the branch read webhook.coupon.percent");
        assertEquals("Use SAVE10 for 10% off", send.command().text());
    }

    @Test
    void aFailureIsRetriedWhileAttemptsAreLeftThenTakesOnFailure() {
        Run run = walker.walk(COUPON, entered("A"), ANA, NOW).run();
        WebhookResult busy = WebhookResult.ofStatus(503, "");
        WebhookOutcome.Retry first = assertInstanceOf(WebhookOutcome.Retry.class,
                WebhookOutcome.of(COUPON, run, busy, 1, POLICY, NOW));
        assertEquals(NOW.plusSeconds(10), first.at());
        assertEquals("attempt 1 of 3: HTTP 503; again at 2026-05-04T12:00:10Z", first.detail());
        WebhookOutcome.Retry second = assertInstanceOf(WebhookOutcome.Retry.class,
                WebhookOutcome.of(COUPON, run, WebhookResult.unanswered("timed out"), 2, POLICY, NOW));
        assertEquals(NOW.plusSeconds(20), second.at());

        WebhookOutcome.GaveUp last = assertInstanceOf(WebhookOutcome.GaveUp.class,
                WebhookOutcome.of(COUPON, run, busy, 3, POLICY, NOW));
        assertEquals(COUPON.indexOf("sorry"), last.moved().stepIndex());
        assertEquals("attempt 3 of 3: HTTP 503; on to sorry", last.detail());
    }

    @Test
    void aRequestTheShopRefusesIsNotRetried() {
        Run run = walker.walk(COUPON, entered("A"), ANA, NOW).run();
        assertInstanceOf(WebhookOutcome.GaveUp.class,
                WebhookOutcome.of(COUPON, run, WebhookResult.ofStatus(404, "{}"), 1, POLICY, NOW));
        assertInstanceOf(WebhookOutcome.GaveUp.class,
                WebhookOutcome.of(COUPON, run, WebhookResult.ofStatus(302, ""), 1, POLICY, NOW));
        assertInstanceOf(WebhookOutcome.Retry.class,
                WebhookOutcome.of(COUPON, run, WebhookResult.ofStatus(429, ""), 1, POLICY, NOW));
        WebhookOutcome.GaveUp notJson = assertInstanceOf(WebhookOutcome.GaveUp.class,
                WebhookOutcome.of(COUPON, run, new WebhookResult.Answered(200, "<html>"), 1, POLICY, NOW));
        assertTrue(notJson.detail().contains("not JSON"), notJson.detail());
    }

    @Test
    void withoutOnFailureTheRunExits() {
        JourneyDefinition bare = JourneyReader.read("bare.yaml", new StringReader("""
                journey: bare
                trigger: {event: Checkout Started}
                steps:
                  - webhook: {url: "https://shop.example/ping", method: GET, retries: 0}
                  - send: {channel: sms, category: marketing, text: "Pinged"}
                """)).withVersion(1);
        Run run = walker.walk(bare, entered("A"), ANA, NOW).run();
        WebhookOutcome.GaveUp gaveUp = assertInstanceOf(WebhookOutcome.GaveUp.class,
                WebhookOutcome.of(bare, run, WebhookResult.unanswered("refused"), 1, POLICY, NOW));
        assertNull(gaveUp.moved());
        WebhookOutcome.Answered answered = assertInstanceOf(WebhookOutcome.Answered.class,
                WebhookOutcome.of(bare, run, new WebhookResult.Answered(204, ""), 1, POLICY, NOW));
        assertNull(answered.moved().webhooks(), "an unnamed webhook's answer is not kept");
    }

    @Test
    void aCallThatCannotBeRenderedIsNotMadeAndFailsAtOnce() {
        ContactSnapshot nameless = contact("bob", null);
        Walk walk = walker.walk(COUPON, entered("A"), nameless, NOW);
        assertTrue(walk.effects().stream().noneMatch(e -> e instanceof Walk.Call));
        Walk.Note failed = walk.effects().stream().filter(e -> e instanceof Walk.Note n && n.what().equals("webhook_failed"))
                .map(Walk.Note.class::cast).findFirst().orElseThrow();
        assertTrue(failed.detail().startsWith("render_error: "), failed.detail());
        assertTrue(walk.effects().stream().anyMatch(e -> e instanceof Walk.Send s && s.stepId().equals("sorry")));
    }
}
