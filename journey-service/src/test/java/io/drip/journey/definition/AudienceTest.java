package io.drip.journey.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When an audience's rounds come and when each reaches a contact. */
class AudienceTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

    private static Audience audience(String trigger, String reentry) {
        return JourneyReader.read("t.yaml", new StringReader("""
                journey: rounds
                trigger: {audience: %s}
                %s
                steps:
                  - send: {channel: sms, category: marketing, text: "Hi"}
                """.formatted(trigger, reentry))).trigger().audience();
    }

    @Test
    void aRoundInLocalTimeStartsAtTheEarliestZoneAndReachesEachContactAtItsOwnTen() {
        Audience audience = audience("{segment: vip, at: \"2026-11-11T10:00\", local_time: true}", "");
        LocalDateTime round = LocalDateTime.parse("2026-11-11T10:00");
        assertEquals(Optional.of(round), audience.roundAfter(null, Instant.parse("2026-12-01T00:00:00Z"), UTC));
        assertEquals(Optional.empty(), audience.roundAfter(round, Instant.parse("2026-12-01T00:00:00Z"), UTC));
        assertEquals(Instant.parse("2026-11-10T20:00:00Z"), audience.startOf(round, UTC), "10:00 at UTC+14");
        assertEquals(Instant.parse("2026-11-11T09:00:00Z"), audience.reaches(round, PARIS, UTC));
        assertEquals(Instant.parse("2026-11-10T23:00:00Z"), audience.reaches(round, SYDNEY, UTC));
        assertEquals(Instant.parse("2026-11-11T10:00:00Z"), audience.reaches(round, null, UTC), "no zone: the default");
    }

    @Test
    void aRoundNotInLocalTimeReachesEveryoneAtOnceInTheDefaultZone() {
        Audience audience = audience("{segment: vip, at: \"2026-11-11T10:00\"}", "");
        LocalDateTime round = LocalDateTime.parse("2026-11-11T10:00");
        assertEquals(Instant.parse("2026-11-11T09:00:00Z"), audience.startOf(round, PARIS));
        assertEquals(Instant.parse("2026-11-11T09:00:00Z"), audience.reaches(round, SYDNEY, PARIS));
    }

    @Test
    void weeklyRoundsComeEveryWeekFromTheFirstNotYetStarted() {
        Audience audience = audience("{segment: vip, every: {week: monday, at: \"10:00\"}}", "reentry: always");
        // Monday 2026-12-07 09:59 UTC: today's round is still to come
        LocalDateTime first = audience.roundAfter(null, Instant.parse("2026-12-07T09:59:00Z"), UTC).orElseThrow();
        assertEquals(LocalDateTime.parse("2026-12-07T10:00"), first);
        assertEquals(LocalDateTime.parse("2026-12-14T10:00"), audience.roundAfter(first, Instant.EPOCH, UTC).orElseThrow());
        assertEquals(LocalDateTime.parse("2026-12-14T10:00"),
                audience.roundAfter(null, Instant.parse("2026-12-07T10:01:00Z"), UTC).orElseThrow(), "today's has begun");
        assertEquals(LocalDateTime.parse("2027-01-04T10:00"),
                audience.roundAfter(first, Instant.parse("2027-01-01T00:00:00Z"), UTC).orElseThrow(),
                "the rounds that went by while nothing was planned are skipped, not sent late");
    }

    @Test
    void monthlyRoundsOnADayBeyondAMonthsEndComeOnItsLastDay() {
        Audience audience = audience("{segment: vip, every: {month: 31, at: \"09:30\"}, local_time: true}",
                "reentry: {after: 7d}");
        LocalDateTime january = LocalDateTime.parse("2027-01-31T09:30");
        assertEquals(LocalDateTime.parse("2027-02-28T09:30"), audience.roundAfter(january, Instant.EPOCH, UTC).orElseThrow());
        assertEquals(LocalDateTime.parse("2027-03-31T09:30"),
                audience.roundAfter(LocalDateTime.parse("2027-02-28T09:30"), Instant.EPOCH, UTC).orElseThrow());
        assertTrue(audience.describe().contains("every month on day 31"), audience.describe());
    }
}
