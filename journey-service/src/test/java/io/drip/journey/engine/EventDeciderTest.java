package io.drip.journey.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.contracts.SendCommand;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.definition.JourneyReader;
import io.drip.journey.message.MessageRenderer;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The engine's decisions for a contact's events, without a container or a database. */
class EventDeciderTest {
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private final EventDecider decider = new EventDecider(
            new StepWalker(new MessageRenderer("https://t.example"), ZoneId.of("UTC"), SplitWinners.NONE,
                    new SendTimeChooser(new SendCommand.SendWindow("00:00", "00:00"))));

    private static final JourneyDefinition CART = journey("""
            journey: cart
            trigger: {event: Checkout Started, when: event.properties.value >= 20}
            reentry: {after: 7d}
            exit_when: [Order Completed]
            goal: {event: Order Completed, within: 3d, revenue: properties.revenue}
            steps:
              - id: reminder
                send: {channel: sms, category: marketing, text: "Your cart is waiting"}
              - wait: 1h
              - id: again
                send: {channel: sms, category: marketing, text: "Still waiting"}
            """);

    private static final JourneyDefinition WIN_BACK = journey("""
            journey: win-back
            trigger:
              inactive: {for: 30d}
            steps:
              - id: miss-you
                send: {channel: sms, category: marketing, text: "We miss you"}
            """);

    private final ContactRuns ana = new ContactRuns("ana", UUID::randomUUID);

    @Test
    void aTriggerEntersAndTakesTheFirstStepsAtOnce() {
        List<Change> changes = decide(List.of(CART), event("Checkout Started", "{\"value\": 25}", NOW), NOW);

        assertEquals(2, changes.size(), changes.toString());
        Change.Entered entered = assertInstanceOf(Change.Entered.class, changes.get(0));
        Walk walk = assertInstanceOf(Change.Walked.class, changes.get(1)).walk();
        assertEquals("Your cart is waiting", sends(walk).get(0).command().text());
        assertEquals(NOW.plus(Duration.ofHours(1)), walk.nextAt());
        assertEquals(List.of(walk.run()), ana.active());
        assertEquals(entered.run().id(), walk.run().id());
    }

    @Test
    void aSendStepWithMediaMakesACommandCarryingThemAndShowsThem() {
        JourneyDefinition sale = journey("""
                journey: sale
                trigger: {event: Signed Up}
                steps:
                  - id: picture
                    send: {channel: sms, category: marketing, text: "Sale", media: [https://shop.example/a.jpg]}
                """);
        Walk walk = assertInstanceOf(Change.Walked.class, decide(List.of(sale), event("Signed Up", "{}", NOW), NOW).get(1))
                .walk();
        Walk.Send send = sends(walk).get(0);
        assertEquals(List.of("https://shop.example/a.jpg"), send.command().media());
        assertEquals("Sale [MMS: https://shop.example/a.jpg]", send.describe());
    }

    @Test
    void aTriggerWhoseConditionFailsEntersNothing() {
        assertEquals(List.of(), decide(List.of(CART), event("Checkout Started", "{\"value\": 5}", NOW), NOW));
        assertEquals(List.of(), ana.active());
    }

    @Test
    void aSecondTriggerWhileInTheJourneyIsIgnoredOnTheStandingRun() {
        decide(List.of(CART), event("Checkout Started", "{\"value\": 25}", NOW), NOW);
        UUID standing = ana.active().get(0).id();

        List<Change> changes = decide(List.of(CART), event("Checkout Started", "{\"value\": 30}", NOW), NOW);

        Change.Ignored ignored = assertInstanceOf(Change.Ignored.class, changes.get(0));
        assertEquals(standing, ignored.standing().runId());
        assertEquals("already in the journey", ignored.why());
    }

    @Test
    void theReentryPolicyCountsFromTheLastEntryEvenOfAnEndedRun() {
        ana.enteredAt("cart", "", UUID.randomUUID(), NOW.minus(Duration.ofDays(6)));

        Change early = decide(List.of(CART), event("Checkout Started", "{\"value\": 25}", NOW), NOW).get(0);
        Instant later = NOW.plus(Duration.ofDays(1)).plusSeconds(1);
        Change after = decide(List.of(CART), event("Checkout Started", "{\"value\": 25}", later), later).get(0);

        assertTrue(assertInstanceOf(Change.Ignored.class, early).why().startsWith("re-entry"), early.toString());
        assertInstanceOf(Change.Entered.class, after);
    }

    @Test
    void theGoalConvertsTheLastMessageWithItsRevenueAndTheExitEndsTheRun() {
        decide(List.of(CART), event("Checkout Started", "{\"value\": 25}", NOW), NOW);
        Instant paid = NOW.plus(Duration.ofHours(2));

        List<Change> changes = decide(List.of(CART), event("Order Completed", "{\"revenue\": 42.5}", paid), paid);

        Change.Converted converted = assertInstanceOf(Change.Converted.class, changes.get(0));
        assertEquals("reminder", converted.touch().stepId());
        assertEquals(new BigDecimal("42.5"), converted.revenue());
        assertEquals("exit_when", assertInstanceOf(Change.Exited.class, changes.get(1)).reason());
        assertEquals(List.of(), ana.active());
        assertEquals(List.of(), decide(List.of(CART), event("Order Completed", "{\"revenue\": 1}", paid), paid),
                "a run converts once");
    }

    @Test
    void aGoalOutsideItsWindowConvertsNothing() {
        decide(List.of(CART), event("Checkout Started", "{\"value\": 25}", NOW), NOW);
        Instant late = NOW.plus(Duration.ofDays(4));

        List<Change> changes = decide(List.of(CART), event("Order Completed", "{}", late), late);

        assertEquals(1, changes.size(), changes.toString());
        assertInstanceOf(Change.Exited.class, changes.get(0));
    }

    @Test
    void anyEventRestartsTheInactivityTimerAndADueTimerEnters() {
        Instant at = NOW.minusSeconds(60);
        Change.Active active = assertInstanceOf(Change.Active.class,
                decide(List.of(WIN_BACK), event("Page Viewed", "{}", at), NOW).get(0));
        assertEquals(at.plus(Duration.ofDays(30)), active.dueAt());

        List<Change> entered = decider.onInactive(WIN_BACK, ana, event("Inactive", "{}", active.dueAt()), contact(),
                active.dueAt());
        assertInstanceOf(Change.Entered.class, entered.get(0));
        assertEquals("We miss you", sends(assertInstanceOf(Change.Walked.class, entered.get(1)).walk()).get(0)
                .command().text());
    }

    @Test
    void withoutTheContactsSnapshotTheRunIsEnteredButNotWalked() {
        List<Change> changes = decider.onEvent(journeys(List.of(CART)), ana,
                event("Checkout Started", "{\"value\": 25}", NOW), null, NOW);

        assertEquals(1, changes.size(), changes.toString());
        assertInstanceOf(Change.Entered.class, changes.get(0));
    }

    @Test
    void anAudienceRoundEntersAMemberWhoseFirstStepWaitsForItsLocalTimeAndNotTwice() {
        JourneyDefinition elevenEleven = journey("""
                journey: eleven-eleven
                trigger:
                  audience: {segment: vip, at: "2026-03-02T12:00", local_time: true}
                  when: has(contact.traits.first_name)
                steps:
                  - id: offer
                    send: {channel: sms, category: marketing, text: "11.11"}
                """);
        AudienceRound round = new AudienceRound("eleven-eleven", elevenEleven.trigger().audience(),
                java.time.LocalDateTime.parse("2026-03-02T12:00"), ZoneId.of("UTC"), 1);
        Instant noonInUtc = round.firstStepAt("UTC", 0);
        List<Change> changes = decider.onAudience(elevenEleven, ana, round.trigger("ana", NOW), contact(), NOW, noonInUtc);

        assertEquals(1, changes.size(), changes.toString());
        Change.Entered entered = assertInstanceOf(Change.Entered.class, changes.get(0));
        assertEquals(Instant.parse("2026-03-02T12:00:00Z"), entered.firstStepAt(NOW), "no step before the local noon");
        assertEquals("audience:eleven-eleven:2026-03-02T12:00:ana", entered.trigger().messageId());
        List<Change> again = decider.onAudience(elevenEleven, ana, round.trigger("ana", NOW), contact(), NOW, noonInUtc);
        assertTrue(assertInstanceOf(Change.Ignored.class, again.get(0)).why().contains("already in the journey"));

        ContactRuns nameless = new ContactRuns("bob", UUID::randomUUID);
        ContactSnapshot bob = new ContactSnapshot("bob", 1, "+33612345678", "valid", "UTC", "fr-FR",
                MessageJson.mapper().createObjectNode(), Map.of(), NOW);
        assertEquals(List.of(), decider.onAudience(elevenEleven, nameless, round.trigger("bob", NOW), bob, NOW, noonInUtc),
                "the trigger's condition holds for members too");
    }

    @Test
    void anAudienceRoundWhoseTimeHasComeWalksTheFirstStepsAtOnce() {
        JourneyDefinition now = journey("""
                journey: now
                trigger: {audience: {segment: vip, at: "2026-03-02T10:00"}}
                steps:
                  - send: {channel: sms, category: marketing, text: "Now"}
                """);
        AudienceRound round = new AudienceRound("now", now.trigger().audience(),
                java.time.LocalDateTime.parse("2026-03-02T10:00"), ZoneId.of("UTC"), 1);
        List<Change> changes = decider.onAudience(now, ana, round.trigger("ana", NOW), contact(), NOW, round.firstStepAt("UTC", 0));
        assertEquals(2, changes.size(), changes.toString());
        assertEquals("Now", sends(assertInstanceOf(Change.Walked.class, changes.get(1)).walk()).get(0).command().text());
    }

    @Test
    void aSpreadRoundGivesEachMemberItsMomentAndAThrottleStillQueuesIt() {
        JourneyDefinition spread = journey("""
                journey: spread
                trigger:
                  audience: {segment: vip, at: "2026-03-02T10:00", local_time: true, spread: 2h}
                  throttle: {entries: 100, per: 1m}
                steps:
                  - send: {channel: sms, category: marketing, text: "Spread"}
                """);
        AudienceRound round = new AudienceRound("spread", spread.trigger().audience(),
                java.time.LocalDateTime.parse("2026-03-02T10:00"), ZoneId.of("UTC"), 4);
        assertEquals(Instant.parse("2026-03-02T10:00:00Z"), round.firstStepAt("UTC", 0));
        assertEquals(Instant.parse("2026-03-02T10:30:00Z"), round.firstStepAt(null, 1), "no zone: the default");
        assertEquals(Instant.parse("2026-03-02T10:30:00Z").minus(Duration.ofHours(1)), round.firstStepAt("Europe/Paris", 1),
                "10:00 in Paris, then its share");
        assertEquals(Instant.parse("2026-03-02T12:00:00Z"), round.firstStepAt("UTC", 7), "beyond the size: the window's end");

        List<Change> last = decider.onAudience(spread, ana, round.trigger("ana", NOW), contact(), NOW,
                round.firstStepAt("UTC", 3));
        Change.Entered entered = assertInstanceOf(Change.Entered.class, last.get(0));
        assertEquals(1, last.size(), "nothing walked before its moment");
        assertEquals(Instant.parse("2026-03-02T11:30:00Z"), entered.firstStepAt(NOW));
        assertEquals(Duration.ofMillis(600), entered.throttle().interval(), "and its slot in the queue, whichever is later");

        ContactRuns bob = new ContactRuns("bob", UUID::randomUUID);
        Change.Entered first = assertInstanceOf(Change.Entered.class,
                decider.onAudience(spread, bob, round.trigger("bob", NOW), contact(), NOW, round.firstStepAt("UTC", 0)).get(0));
        assertEquals(NOW, first.firstStepAt(NOW), "the first member's moment has come: only its slot waits");
    }

    private List<Change> decide(List<JourneyDefinition> journeys, SegmentMessage event, Instant now) {
        return decider.onEvent(journeys(journeys), ana, event, contact(), now);
    }

    private static List<Walk.Send> sends(Walk walk) {
        return walk.effects().stream().flatMap(e -> e instanceof Walk.Send send ? Stream.of(send) : Stream.empty())
                .toList();
    }

    private static EventDecider.Journeys journeys(List<JourneyDefinition> all) {
        return new EventDecider.Journeys() {
            @Override
            public List<JourneyDefinition> withGoal(String event) {
                return all.stream().filter(j -> j.goal() != null && j.goal().event().equals(event)).toList();
            }

            @Override
            public List<JourneyDefinition> triggeredBy(String event) {
                return all.stream().filter(j -> event.equals(j.trigger().event())).toList();
            }

            @Override
            public List<JourneyDefinition> inactivity() {
                return all.stream().filter(j -> j.trigger().isInactivity()).toList();
            }

            @Override
            public Optional<JourneyDefinition> of(Run run) {
                return all.stream().filter(j -> j.id().equals(run.journeyId())).findFirst();
            }
        };
    }

    private static JourneyDefinition journey(String yaml) {
        return JourneyReader.read("test.yaml", new StringReader(yaml)).withVersion(1);
    }

    private static ContactSnapshot contact() {
        return new ContactSnapshot("ana", 1, "+33612345678", "valid", "UTC", "fr-FR",
                MessageJson.mapper().createObjectNode().put("first_name", "Ana"), Map.of(), NOW);
    }

    private static SegmentMessage event(String name, String properties, Instant at) {
        return MessageJson.read("""
                {"type":"track","messageId":"%s","userId":"ana","event":"%s","properties":%s,"timestamp":"%s"}"""
                .formatted(UUID.randomUUID(), name, properties, at), SegmentMessage.class);
    }
}
