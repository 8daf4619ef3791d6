package io.drip.journey.simulate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.MessageJson;
import io.drip.testing.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulator runs the engine's own step code on a virtual clock; these tests use it to pin
 * down what each step and journey option does.
 */
@QuarkusTest
class SimulatorTest {
    private static final String START = "2026-03-27T08:00:00Z"; // a Friday; Paris moves to summer time on Sunday

    private static String simulate(String yaml, Map<String, Object> contact, List<Map<String, Object>> events) {
        Map<String, Object> request = new java.util.HashMap<>(Map.of("journey", yaml, "start", START, "events", events,
                "until", "30d"));
        request.put("contact", contact);
        return given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).contentType(ContentType.JSON)
                .accept(ContentType.TEXT).body(request).post("/v1/journeys/simulate")
                .then().statusCode(200).extract().asString();
    }

    private static Map<String, Object> event(String after, String name, Map<String, Object> properties) {
        return Map.of("after", after, "event", name, "properties", properties);
    }

    @Test
    void waitsUntilALocalTimeOnAWeekdayInTheContactsZoneAcrossTheClockChange() {
        String yaml = """
                journey: weekend
                trigger: {event: Signed Up}
                steps:
                  - wait: {until: "10:00", on: [sunday, monday]}
                  - send: {channel: sms, category: marketing, text: "Hello"}
                """;
        String timeline = simulate(yaml, Map.of("timezone", "Europe/Paris"), List.of(event("0s", "Signed Up", Map.of())));
        // Friday 09:00 in Paris; next Sunday 10:00 is already summer time (UTC+2): 08:00Z
        assertTrue(timeline.contains("waiting          until 2026-03-29T08:00:00Z"), timeline);
        assertTrue(timeline.contains("+2d        #1   step-2       sent             Hello"), timeline);
    }

    @Test
    void aWeeklyAudienceReachesTheContactAtItsLocalTimeEveryRoundAndTheRoundsOnlyThoseWhoClicked() {
        String yaml = """
                journey: weekly-offer
                trigger: {audience: {segment: vip, every: {week: monday, at: "10:00"}, local_time: true}}
                reentry: always
                steps:
                  - id: offer
                    send: {channel: sms, category: marketing, text: "This week's offer"}
                  - wait_for: {clicked: offer, within: 2d}
                    on_timeout: done
                  - id: second
                    send: {channel: sms, category: marketing, text: "Round two, for clickers"}
                  - id: done
                    exit: round_over
                """;
        String timeline = simulate(yaml, Map.of("timezone", "Australia/Sydney"),
                List.of(Map.of("after", "4d", "clicked", "offer")));
        // Friday 2026-03-27 08:00Z; the first Monday round starts at 10:00 UTC+14 (Sunday 20:00Z)
        // and reaches Sydney (UTC+11 until April 5th) at its 10:00: Sunday 23:00Z
        assertTrue(timeline.contains("audience_round   2026-03-30T10:00 of segment vip"), timeline);
        assertTrue(timeline.contains("+2d12h     #1                entered          Audience"), timeline);
        assertTrue(timeline.contains("+2d15h     #1   offer        sent             This week's offer"), timeline);
        assertTrue(timeline.contains("Round two, for clickers"), timeline);
        assertTrue(timeline.contains("audience_round   2026-04-06T10:00 of segment vip"), "weekly: " + timeline);
        assertTrue(timeline.contains("#2"), "a second run, re-entered the week after: " + timeline);
    }

    @Test
    void aSpreadRoundSaysSoAndTheContactStartsAtItsPlaceInTheWindowFirstUnlessTheRequestPlacesIt() {
        String yaml = """
                journey: spread-offer
                trigger: {audience: {segment: vip, at: "2026-03-30T10:00", local_time: true, spread: 2h}}
                steps:
                  - send: {channel: sms, category: marketing, text: "Spread offer"}
                """;
        Map<String, Object> paris = Map.of("timezone", "Europe/Paris");
        // Monday 10:00 in Paris (summer time since Sunday) is 08:00Z, 3 days after the start
        String first = simulate(yaml, paris, List.of());
        assertTrue(first.contains("audience_round   2026-03-30T10:00 of segment vip, spread over PT2H, "
                + "the contact at position 0 of 1"), first);
        assertTrue(first.contains("+3d        #1   step-1       sent             Spread offer"), first);

        String placed = simulate(yaml, paris, List.of(), Map.of("audience", Map.of("position", 3, "size", 4)));
        assertTrue(placed.contains("spread over PT2H, the contact at position 3 of 4"), placed);
        assertTrue(placed.contains("+3d1h30m   #1   step-1       sent             Spread offer"), placed);
        String beyond = simulate(yaml, paris, List.of(), Map.of("audience", Map.of("position", 9, "size", 4)));
        assertTrue(beyond.contains("+3d2h      #1   step-1       sent             Spread offer"),
                "a member beyond the counted size: the window's end: " + beyond);

        Map<String, Object> request = new java.util.HashMap<>(Map.of("journey", yaml, "start", START,
                "audience", Map.of("position", 0, "size", 0)));
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).contentType(ContentType.JSON).body(request)
                .post("/v1/journeys/simulate").then().statusCode(400).body("message", containsString("1 or more"));
        request.put("audience", Map.of("position", -1, "size", 4));
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).contentType(ContentType.JSON).body(request)
                .post("/v1/journeys/simulate").then().statusCode(400).body("message", containsString("0 (the first member)"));
    }

    @Test
    void waitsUntilADateHeldInATraitAndGoesOnAtOnceWithoutOne() {
        String yaml = """
                journey: renewal
                trigger: {event: Subscribed}
                steps:
                  - wait: {date: contact.traits.renews_on, at: "09:30"}
                  - send: {channel: sms, category: transactional, text: "Renewal today"}
                """;
        String dated = simulate(yaml, Map.of("timezone", "America/New_York", "traits", Map.of("renews_on", "2026-04-02")),
                List.of(event("0s", "Subscribed", Map.of())));
        assertTrue(dated.contains("until 2026-04-02T13:30:00Z"), dated);
        String undated = simulate(yaml, Map.of(), List.of(event("0s", "Subscribed", Map.of())));
        assertTrue(undated.contains("waited           nothing to wait for"), undated);
        assertTrue(undated.contains("+0s        #1   step-2       sent             Renewal today"), undated);
    }

    @Test
    void aFilterIsCheckedBeforeEverySendAndUpdateStepsSetTraits() {
        String yaml = """
                journey: nurture
                trigger: {event: Signed Up}
                filter: "!has(contact.traits.orders) || contact.traits.orders == 0"
                steps:
                  - send: {channel: sms, category: marketing, text: "First"}
                  - update: {traits: {nurtured: true, stage: first_sent}}
                  - wait: 1d
                  - send: {channel: sms, category: marketing, text: "Second {{ contact.traits.stage }}"}
                """;
        String timeline = simulate(yaml, Map.of(), List.of(event("0s", "Signed Up", Map.of()),
                Map.of("after", "2h", "traits", Map.of("orders", 1))));
        assertTrue(timeline.contains("updated          {\"nurtured\":true,\"stage\":\"first_sent\"}"), timeline);
        assertTrue(timeline.contains("+1d        #1                exited           filter"), timeline);
        assertTrue(!timeline.contains("Second"), timeline);
        String stillMatching = simulate(yaml, Map.of(), List.of(event("0s", "Signed Up", Map.of())));
        assertTrue(stillMatching.contains("sent             Second first_sent"), stillMatching);
    }

    @Test
    void oneRunPerCartAndAnExitOnlyForTheSameCart() {
        String yaml = """
                journey: carts
                trigger: {event: Checkout Started, key: properties.cart_id}
                exit_when: [{event: Order Completed, match: properties.cart_id}]
                steps:
                  - wait: 1h
                  - send: {channel: sms, category: marketing, text: "Cart {{ event.properties.cart_id }}"}
                """;
        String timeline = simulate(yaml, Map.of(), List.of(
                event("0s", "Checkout Started", Map.of("cart_id", "A")),
                event("1m", "Checkout Started", Map.of("cart_id", "B")),
                event("2m", "Checkout Started", Map.of("cart_id", "A")),
                event("10m", "Order Completed", Map.of("cart_id", "B"))));
        assertTrue(timeline.contains("#1                entered          Checkout Started (key A)"), timeline);
        assertTrue(timeline.contains("#2                entered          Checkout Started (key B)"), timeline);
        assertTrue(timeline.contains("#1                trigger_ignored  Checkout Started: already in the journey"),
                timeline);
        assertTrue(timeline.contains("#2                exited           exit_when"), timeline);
        assertTrue(timeline.contains("sent             Cart A"), timeline);
        assertTrue(!timeline.contains("Cart B"), timeline);
    }

    @Test
    void waitForAnEventWithAConditionOrForADelivery() {
        String yaml = """
                journey: upsell
                trigger: {event: Order Completed}
                steps:
                  - id: thanks
                    send: {channel: sms, category: transactional, text: "Thanks"}
                  - wait_for: {delivered: thanks, within: 1h}
                    on_timeout: done
                  - id: big
                    wait_for: {event: Order Completed, when: "event.properties.total > trigger.properties.total", within: 7d}
                    on_timeout: done
                  - send: {channel: sms, category: marketing, text: "You upgraded!"}
                  - id: done
                    exit: finished
                """;
        String timeline = simulate(yaml, Map.of(), List.of(event("0s", "Order Completed", Map.of("total", 50)),
                Map.of("after", "10s", "delivered", "thanks"),
                event("1d", "Order Completed", Map.of("total", 20)),
                event("2d", "Order Completed", Map.of("total", 80))));
        assertTrue(timeline.contains("resumed          by delivery of"), timeline);
        assertEquals(1, timeline.lines().filter(l -> l.contains("resumed          by event Order Completed")).count(),
                "only the bigger order resumes: " + timeline);
        assertTrue(timeline.contains("+2d        #1   step-4       sent             You upgraded!"), timeline);
    }

    @Test
    void aSplitIsStickyAndAGoalConvertsOnceWithRevenue() {
        String yaml = """
                journey: offer
                trigger: {event: Checkout Started}
                goal: {event: Order Completed, within: 2d}
                steps:
                  - split: {a: {weight: 50, goto: ten}, b: {weight: 50, goto: ship}}
                  - id: ten
                    send: {channel: sms, category: marketing, text: "10% off"}
                    goto: end
                  - id: ship
                    send: {channel: sms, category: marketing, text: "Free shipping"}
                  - id: end
                    exit: offered
                """;
        List<Map<String, Object>> events = List.of(event("0s", "Checkout Started", Map.of()),
                event("1d", "Order Completed", Map.of("revenue", 42.5)), event("1d1h", "Order Completed", Map.of()));
        String first = simulate(yaml, Map.of("contactId", "ana"), events);
        assertEquals(first, simulate(yaml, Map.of("contactId", "ana"), events), "the same contact, the same variant");
        assertEquals(1, first.lines().filter(l -> l.contains("converted")).count(), first);
        assertTrue(first.contains("revenue 42.5"), first);
    }

    @Test
    void aHoldoutGetsNothingButItsConversionIsCounted() {
        String yaml = """
                journey: held
                trigger: {event: Checkout Started}
                goal: {event: Order Completed, within: 1d}
                steps:
                  - wait: 1h
                  - split: {a: {weight: 1, goto: offer}, holdout: {weight: 100000}}
                  - id: offer
                    send: {channel: sms, category: marketing, text: "Offer"}
                """;
        String timeline = simulate(yaml, Map.of("contactId", "bea"), List.of(event("0s", "Checkout Started", Map.of()),
                event("5h", "Order Completed", Map.of("revenue", 12))));
        assertTrue(timeline.contains("exited           holdout"), timeline);
        assertTrue(timeline.contains("converted        Order Completed in the holdout, variant holdout, revenue 12"),
                timeline);
    }

    @Test
    void anInvalidJourneyOrEventIsA400ThatSaysWhere() {
        ObjectNode request = MessageJson.mapper().createObjectNode().put("journey", """
                journey: broken
                trigger: {event: X}
                steps:
                  - wait: {until: "25:00"}
                """);
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).contentType(ContentType.JSON)
                .body(request.toString()).post("/v1/journeys/simulate")
                .then().statusCode(400).body("line", org.hamcrest.Matchers.is(4))
                .body("message", containsString("not a local time"));
        request.put("journey", "journey: ok\ntrigger: {event: X}\nsteps:\n  - exit: done\n");
        request.putArray("events").addObject().put("after", "soon").put("event", "X");
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).contentType(ContentType.JSON)
                .body(request.toString()).post("/v1/journeys/simulate")
                .then().statusCode(400).body("field", org.hamcrest.Matchers.is("/events/0/after"));
    }

    @Test
    void aBestTimeSendWaitsForTheHourTheContactClicksMostElseItsCountrysElseGoesAtOnce() {
        String yaml = """
                journey: tonight
                trigger: {event: Signed Up}
                steps:
                  - id: hello
                    send: {channel: sms, category: marketing, text: "Hi {{ 'https://shop.example' | track }}"}
                  - wait: 1d
                  - id: sale
                    send: {channel: sms, category: marketing, text: "Sale", best_time: {within: 24h}}
                """;
        Map<String, Object> lea = Map.of("timezone", "Europe/Paris", "phone", "+33612345678");
        List<Map<String, Object>> signUp = List.of(event("0s", "Signed Up", Map.of()));
        // 09:00 on Saturday in Paris; clicks given for before the start
        String own = simulate(yaml, lea, signUp, Map.of("clickHours", Map.of("19", 4, "8", 1)));
        assertTrue(own.contains("+1d        #1   sale         send_time        19h, the hour of most own clicks (4 of 5): "
                + "2026-03-28T18:00:00Z (19:00 Europe/Paris)"), own);
        assertTrue(own.contains("+1d10h     #1   sale         sent             Sale"), own);
        // a click in the simulation counts at its local hour (12:00 on Friday)
        String clicked = simulate(yaml, lea, List.of(event("0s", "Signed Up", Map.of()),
                Map.of("after", "3h", "clicked", "hello")), Map.of());
        assertTrue(clicked.contains("12h, the hour of most own clicks (1 of 1): 2026-03-28T11:00:00Z"), clicked);
        assertTrue(clicked.contains("+1d3h      #1   sale         sent             Sale"), clicked);
        String country = simulate(yaml, lea, signUp, Map.of("countryClickHours", Map.of("20", 9)));
        assertTrue(country.contains("20h, the hour of most clicks in FR (9 of 9): 2026-03-28T19:00:00Z"), country);
        String none = simulate(yaml, lea, signUp, Map.of());
        assertTrue(none.contains("+1d        #1   sale         send_time        no clicks known of the contact or of FR: "
                + "at once"), none);
        assertTrue(none.contains("+1d        #1   sale         sent             Sale"), none);
    }

    @Test
    void aContactInTheGlobalHoldoutIsShownTheMarketingThatDispatchWouldSuppress() {
        String yaml = """
                journey: order
                trigger: {event: Order Completed}
                steps:
                  - id: receipt
                    send: {channel: sms, category: transactional, text: "Order received"}
                  - id: upsell
                    send: {channel: sms, category: marketing, text: "Socks?", tags: [cross_sell]}
                """;
        Map<String, Object> ada = Map.of("timezone", "Europe/Paris");
        List<Map<String, Object>> order = List.of(event("0s", "Order Completed", Map.of()));
        String heldOut = simulate(yaml, ada, order, Map.of("heldOut", true));
        assertTrue(heldOut.contains("upsell       held_out         the contact is in the global holdout"), heldOut);
        assertEquals(1, heldOut.lines().filter(line -> line.contains("held_out")).count(),
                "the transactional receipt still goes: " + heldOut);
        assertTrue(heldOut.contains("Socks? (tags cross_sell)"), "the tags the caps count are shown: " + heldOut);
        String drawn = simulate(yaml, ada, order, Map.of());
        assertFalse(drawn.contains("held_out"), "the service's holdout share is 0 here: " + drawn);
        assertFalse(simulate(yaml, ada, order, Map.of("heldOut", false)).contains("held_out"));
    }

    private static String simulate(String yaml, Map<String, Object> contact, List<Map<String, Object>> events,
            Map<String, Object> more) {
        Map<String, Object> request = new java.util.HashMap<>(Map.of("journey", yaml, "start", START, "events", events,
                "until", "30d", "contact", contact));
        request.putAll(more);
        return simulate(request);
    }

    @Test
    void aWebhookCallIsShownAndAnsweredByTheStubGivenWithTheSimulation() {
        String yaml = """
                journey: coupon
                trigger: {event: Checkout Started}
                steps:
                  - id: coupon
                    webhook:
                      name: coupon
                      url: "https://shop.example/coupons?cart={{ event.properties.cart_id }}"
                      body: '{"contact": "{{ contact.contactId }}"}'
                      retries: 1
                    on_failure: sorry
                  - send: {channel: sms, category: marketing, text: "Use {{ webhook.coupon.code }}"}
                    goto: done
                  - id: sorry
                    send: {channel: sms, category: marketing, text: "Your cart is waiting"}
                  - id: done
                    exit: offered
                """;
        Map<String, Object> request = new java.util.HashMap<>(Map.of("journey", yaml, "start", START, "until", "1d",
                "events", List.of(event("0s", "Checkout Started", Map.of("cart_id", "A 1"))),
                "webhooks", Map.of("coupon", Map.of("code", "SAVE10"))));
        String answered = simulate(request);
        assertTrue(answered.contains("+0s        #1   coupon       called           POST https://shop.example/coupons?cart=A+1 "
                + "{\"contact\": \"simulated\"}"), answered);
        assertTrue(answered.contains("coupon       webhook_answered attempt 1 of 2: HTTP 200, kept as webhook.coupon"),
                answered);
        assertTrue(answered.contains("step-2       sent             Use SAVE10"), answered);

        request.remove("webhooks");
        String failed = simulate(request);
        assertTrue(failed.contains("coupon       webhook_failed   attempt 1 of 2: no answer stubbed for coupon in the "
                + "simulation's webhooks; again at "), failed);
        assertTrue(failed.contains("coupon       webhook_failed   attempt 2 of 2: no answer stubbed for coupon in the "
                + "simulation's webhooks; on to sorry"), failed);
        assertTrue(failed.contains("sorry        sent             Your cart is waiting"), failed);
        assertEquals(2, failed.lines().filter(line -> line.contains(" called ")).count(), failed);
    }

    private static String simulate(Map<String, Object> request) {
        return given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).contentType(ContentType.JSON)
                .accept(ContentType.TEXT).body(request).post("/v1/journeys/simulate")
                .then().statusCode(200).extract().asString();
    }
}
