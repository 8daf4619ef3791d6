package io.drip.journey.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.InboundSms;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.definition.JourneyReader;
import io.drip.journey.message.MessageRenderer;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which run a reply answers and what it does to it, without a container or a database. */
class ReplyDeciderTest {
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private final StepWalker walker = new StepWalker(new MessageRenderer("https://t.example"), ZoneId.of("UTC"),
            SplitWinners.NONE, new SendTimeChooser(new SendCommand.SendWindow("00:00", "00:00")));

    private static final String SIZES_YAML = """
            journey: sizes
            trigger: {event: Signed Up}
            steps:
              - id: ask
                send: {channel: sms, category: marketing, text: "Reply 1 for dresses, 2 for shoes"}
              - id: answer
                wait_for:
                  reply_to: ask
                  within: 2d
                  answers:
                    - when: reply.keyword == "1" || reply.keyword == "DRESSES"
                      goto: dresses
                    - when: reply.keyword == "2"
                      goto: shoes
                on_timeout: silent
              - id: other
                send: {channel: sms, category: marketing, text: "Sorry, '{{ reply.text }}'?"}
                goto: done
              - id: dresses
                send: {channel: sms, category: marketing, text: "Dresses for {{ contact.traits.first_name }}: {{ reply.keyword }}"}
                goto: done
              - id: shoes
                send: {channel: sms, category: marketing, text: "Shoes"}
                goto: done
              - id: silent
                send: {channel: sms, category: marketing, text: "10% off"}
              - id: done
                exit: surveyed
            """;
    private static final JourneyDefinition SIZES = journey(SIZES_YAML);
    /** The same survey as another journey: a contact can be asked by both. */
    private static final JourneyDefinition SIZES_AGAIN = journey(SIZES_YAML.replace("journey: sizes", "journey: sizes-again"));

    private static final JourneyDefinition CLICKS = journey("""
            journey: clicks
            trigger: {event: Signed Up}
            steps:
              - id: promo
                send: {channel: sms, category: marketing, text: "Look {{ 'https://shop.example' | track }}"}
              - wait_for: {clicked: promo, within: 1d}
            """);

    private final ContactRuns ana = new ContactRuns("ana", UUID::randomUUID);
    private final Map<String, ReplyDecider.Sent> sent = new HashMap<>();
    private final List<JourneyDefinition> journeys = List.of(SIZES, CLICKS, SIZES_AGAIN);

    @Test
    void anAnswerGoesToTheFirstAnswerThatHoldsAndKeepsTheReplyForLaterSteps() {
        Run asked = ask(SIZES, NOW);

        Change.Replied replied = assertInstanceOf(Change.Replied.class, decide(reply("Dresses!", null)).orElseThrow());

        assertEquals("dresses", replied.ledTo());
        assertEquals("answer", replied.stepId());
        assertEquals(sent.get(asked.id() + ":ask").messageId(), replied.messageId());
        assertEquals(List.of(replied.moved()), ana.active());
        Walk next = walker.walk(SIZES, replied.moved(), contact(), NOW);
        assertEquals("Dresses for Ana: DRESSES", texts(next).get(0));
        assertEquals("surveyed", next.endReason());
    }

    @Test
    void theKeywordIsTheFirstWordNormalised() {
        ask(SIZES, NOW);
        Change.Replied replied = assertInstanceOf(Change.Replied.class, decide(reply(" ２ please", null)).orElseThrow());
        assertEquals("shoes", replied.ledTo());
        assertEquals("2", replied.moved().reply().get("keyword").asText());
    }

    @Test
    void aReplyNoAnswerHoldsForGoesToTheNextStepAndIsQuoted() {
        ask(SIZES, NOW);
        Change.Replied replied = assertInstanceOf(Change.Replied.class, decide(reply("Hats?", null)).orElseThrow());
        assertEquals("other", replied.ledTo());
        assertEquals(List.of("Sorry, 'Hats?'?"), texts(walker.walk(SIZES, replied.moved(), contact(), NOW)));
    }

    @Test
    void anOptOutEndsTheRunAndIsNoAnswer() {
        ask(SIZES, NOW);
        Change.Exited exited = assertInstanceOf(Change.Exited.class,
                decide(reply("STOP", InboundSms.Action.OPT_OUT)).orElseThrow());
        assertEquals(ReplyDecider.OPTED_OUT, exited.reason());
        assertEquals(List.of(), ana.active());
    }

    @Test
    void helpIsNoAnswerAndTheRunWaitsOn() {
        Run asked = ask(SIZES, NOW);
        assertInstanceOf(Change.NotAnswered.class, decide(reply("HELP", InboundSms.Action.HELP)).orElseThrow());
        assertEquals(List.of(asked), ana.active());
        assertInstanceOf(Change.Replied.class, decide(reply("1", null)).orElseThrow());
    }

    @Test
    void anOptInOrAConfirmationAnswersToo() {
        ask(SIZES, NOW);
        assertEquals("other", assertInstanceOf(Change.Replied.class,
                decide(reply("YES", InboundSms.Action.OPT_IN)).orElseThrow()).ledTo());
    }

    @Test
    void theReplyAnswersTheRunWhoseQuestionTheContactGotLast() {
        ask(SIZES, NOW);
        Run later = ask(SIZES_AGAIN, NOW.plus(Duration.ofHours(1)));

        Change.Replied replied = assertInstanceOf(Change.Replied.class, decide(reply("1", null)).orElseThrow());
        assertEquals(later.id(), replied.moved().id());
        // the next reply goes to the other run, which still waits
        Change.Replied second = assertInstanceOf(Change.Replied.class, decide(reply("2", null)).orElseThrow());
        assertEquals("sizes", second.moved().journeyId());
    }

    @Test
    void aReplyConcernsNoRunThatWaitsForSomethingElse() {
        ask(CLICKS, NOW);
        assertEquals(Optional.empty(), decide(reply("1", null)));
    }

    @Test
    void aRunWithoutTheAwaitedMessageIsNotAnswered() {
        Run asked = ask(SIZES, NOW);
        sent.remove(asked.id() + ":ask");
        assertEquals(Optional.empty(), decide(reply("1", null)));
    }

    /** A run of {@code journey} walked to its wait, its messages sent at {@code at}. */
    private Run ask(JourneyDefinition journey, Instant at) {
        Run run = new Run(UUID.randomUUID(), journey.id(), 1, "ana", "", 0, null, 0, false,
                MessageJson.mapper().createObjectNode().put("event", "Signed Up"), at, null, null);
        ana.addActive(run);
        Walk walk = walker.walk(journey, run, contact(), at);
        walk.effects().stream().filter(e -> e instanceof Walk.Send).map(e -> (Walk.Send) e).forEach(send ->
                sent.put(run.id() + ":" + send.stepId(), new ReplyDecider.Sent(send.command().messageId(), at)));
        ana.walked(walk, at);
        assertTrue(walk.run().waiting(), "waits");
        return walk.run();
    }

    private Optional<Change> decide(Reply reply) {
        return ReplyDecider.onReply(ana, run -> journeys.stream().filter(j -> j.id().equals(run.journeyId())).findFirst(),
                (run, stepId) -> Optional.ofNullable(sent.get(run.id() + ":" + stepId)), reply, contact());
    }

    private static Reply reply(String text, InboundSms.Action action) {
        return Reply.of(new InboundSms("sandbox:" + UUID.randomUUID(), "ana", "+33612345678", null, text,
                action == null ? null : text.toUpperCase(), action, "sandbox", NOW.plus(Duration.ofHours(2))));
    }

    private static List<String> texts(Walk walk) {
        return walk.effects().stream().filter(e -> e instanceof Walk.Send).map(e -> ((Walk.Send) e).command().text())
                .toList();
    }

    private static JourneyDefinition journey(String yaml) {
        return JourneyReader.read("test.yaml", new StringReader(yaml)).withVersion(1);
    }

    private static ContactSnapshot contact() {
        return new ContactSnapshot("ana", 1, "+33612345678", "valid", "UTC", "fr-FR",
                MessageJson.mapper().createObjectNode().put("first_name", "Ana"), Map.of(), NOW);
    }
}
