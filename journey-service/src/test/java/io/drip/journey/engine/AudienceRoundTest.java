package io.drip.journey.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.journey.definition.Audience;
import io.drip.journey.definition.JourneyReader;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** When a round's members take their first step: a scheduled round in their zones, a round started now at once. */
class AudienceRoundTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static Audience audience(String spread) {
        return JourneyReader.read("t.yaml", new StringReader("""
                journey: rounds
                trigger: {audience: {segment: vip, every: {month: 1, at: "10:00"}, local_time: true%s}}
                reentry: always
                steps:
                  - send: {channel: sms, category: marketing, text: "Hi"}
                """.formatted(spread))).trigger().audience();
    }

    @Test
    void aScheduledRoundReachesEachMemberAtItsLocalTime() {
        AudienceRound round = new AudienceRound("rounds", audience(""), LocalDateTime.parse("2026-12-01T10:00"), PARIS, 3);
        assertEquals(Instant.parse("2026-11-30T20:00:00Z"), round.startsAt(), "10:00 at UTC+14");
        assertEquals(Instant.parse("2026-11-30T23:00:00Z"), round.firstStepAt("Australia/Sydney", 0));
        assertEquals(Instant.parse("2026-12-01T09:00:00Z"), round.firstStepAt("Europe/Paris", 1));
        assertEquals(Instant.parse("2026-12-01T20:00:00Z"), round.firstStepAt("Pacific/Honolulu", 2));
    }

    @Test
    void aRoundStartedNowReachesEveryZoneAtOnceAndSpreadsFromThen() {
        LocalDateTime now = LocalDateTime.parse("2026-12-07T11:40:12");
        AudienceRound round = new AudienceRound("rounds", audience(""), now, PARIS, 3, true);
        Instant started = Instant.parse("2026-12-07T10:40:12Z");
        assertEquals(started, round.startsAt(), "the moment in the default zone, not at UTC+14");
        for (String zone : new String[] {"Australia/Sydney", "Europe/Paris", "Pacific/Honolulu"}) {
            assertEquals(started, round.firstStepAt(zone, 0), zone);
        }
        AudienceRound spread = new AudienceRound("rounds", audience(", spread: 2h"), now, PARIS, 4, true);
        assertEquals(started, spread.firstStepAt("Australia/Sydney", 0));
        assertEquals(started.plusSeconds(3600), spread.firstStepAt("Pacific/Honolulu", 2), "2h x 2/4 after the start");
    }
}
