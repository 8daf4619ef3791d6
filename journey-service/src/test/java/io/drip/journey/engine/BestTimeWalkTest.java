package io.drip.journey.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.definition.JourneyReader;
import io.drip.journey.message.MessageRenderer;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How the walker takes a best_time send step, without a container: read, choose, wait, send. */
class BestTimeWalkTest {
    /** 08:15 in Paris. */
    private static final Instant NOW = Instant.parse("2026-03-10T07:15:00Z");
    private static final JourneyDefinition JOURNEY = JourneyReader.read("best.yaml", new StringReader("""
            journey: best
            trigger: {event: Signed Up}
            steps:
              - id: promo
                send: {channel: sms, category: marketing, text: "Sale", best_time: {within: 24h}}
              - exit: done
            """)).withVersion(1);
    private static final ContactSnapshot LEA = new ContactSnapshot("lea", 1, "+33612345678", "valid", "Europe/Paris",
            "fr-FR", MessageJson.mapper().createObjectNode(), Map.of(), NOW);

    private final StepWalker walker = new StepWalker(new MessageRenderer("https://t.example"), ZoneId.of("UTC"),
            SplitWinners.NONE, new SendTimeChooser(new SendCommand.SendWindow("00:00", "00:00")));
    private final Run entered = new Run(UUID.randomUUID(), "best", 1, "lea", "", 0, null, 0, false,
            MessageJson.mapper().createObjectNode(), NOW, null, null);

    private static List<Walk.Send> sends(Walk walk) {
        return walk.effects().stream().filter(e -> e instanceof Walk.Send).map(Walk.Send.class::cast).toList();
    }

    @Test
    void withoutItsClickHoursTheRunIsLeftDueAtOnceForTheTimerWhichReadsThem() {
        Walk walk = walker.walk(JOURNEY, entered, LEA, NOW);
        assertEquals(NOW, walk.nextAt());
        assertEquals(List.of(), walk.effects());
        assertEquals(entered, walk.run());
    }

    @Test
    void theRunWaitsAtTheStepForTheHourChosenThenSends() {
        ClickHours hours = new ClickHours(HourCounts.of(Map.of(19, 4L)), "FR", HourCounts.NONE);
        Walk chosen = walker.walk(JOURNEY, entered, LEA, hours, NOW);
        Instant at = Instant.parse("2026-03-10T18:00:00Z");
        assertEquals(at, chosen.nextAt());
        assertEquals(List.of(new Walk.Note("promo", "send_time",
                "19h, the hour of most own clicks (4 of 4): 2026-03-10T18:00:00Z (19:00 Europe/Paris)")), chosen.effects());
        assertTrue(chosen.run().waiting());
        assertEquals(0, chosen.run().stepIndex());

        Walk sent = walker.walk(JOURNEY, chosen.run(), LEA, hours, at);
        assertEquals("Sale", sends(sent).get(0).command().text());
        assertEquals("done", sent.endReason());
    }

    @Test
    void withNoClicksKnownItSendsAtOnceAndSaysWhy() {
        Walk walk = walker.walk(JOURNEY, entered, LEA, new ClickHours(HourCounts.NONE, "FR", HourCounts.NONE), NOW);
        assertEquals(new Walk.Note("promo", "send_time", "no clicks known of the contact or of FR: at once"),
                walk.effects().get(0));
        assertEquals(1, sends(walk).size());
        assertFalse(walk.run().waiting());
    }
}
