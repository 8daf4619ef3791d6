package io.drip.journey.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Duration;
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

    @Test
    void aSpreadRoundStartsEachMemberAtItsShareOfTheWindowInTheOrderTheRoundEntersThem() {
        Audience audience = audience("{segment: vip, at: \"2026-11-11T10:00\", spread: 2h}", "");
        LocalDateTime round = LocalDateTime.parse("2026-11-11T10:00");
        Instant ten = Instant.parse("2026-11-11T10:00:00Z");
        assertEquals(ten, audience.firstStepAt(round, SYDNEY, UTC, 0, 4), "the first at the round's time");
        assertEquals(Instant.parse("2026-11-11T10:30:00Z"), audience.firstStepAt(round, null, UTC, 1, 4));
        assertEquals(Instant.parse("2026-11-11T11:00:00Z"), audience.firstStepAt(round, null, UTC, 2, 4));
        assertEquals(Instant.parse("2026-11-11T11:30:00Z"), audience.firstStepAt(round, null, UTC, 3, 4),
                "the last one share before the end: the window is 2h from the first");
        assertEquals(Duration.ofMillis(2_400), audience.delayOf(1, 3_000), "2h / 3000");
        assertEquals(Duration.ofMillis(7_197_600), audience.delayOf(2_999, 3_000), "the last: one share before the end");
        assertEquals(Duration.ofMillis(1_028_571), audience.delayOf(1, 7), "2h / 7, to the millisecond below");
    }

    @Test
    void membersBeyondTheCountedSizeStartAtTheEndOfTheWindowAndNeverAfterIt() {
        Audience audience = audience("{segment: vip, at: \"2026-11-11T10:00\", spread: 2h}", "");
        assertEquals(Duration.ofHours(2), audience.delayOf(1_000, 1_000), "the segment grew during the round");
        assertEquals(Duration.ofHours(2), audience.delayOf(5_000, 1_000));
        assertEquals(Duration.ofHours(2), audience.delayOf(0, 0), "counted empty, joined since");
        for (long position = 0; position < 1_200; position += 7) {
            Duration delay = audience.delayOf(position, 1_000);
            assertTrue(!delay.isNegative() && delay.compareTo(Duration.ofHours(2)) <= 0, position + ": " + delay);
            assertTrue(delay.compareTo(audience.delayOf(position + 1, 1_000)) <= 0, "in the order the round enters them");
        }
        assertThrows(IllegalArgumentException.class, () -> audience.delayOf(-1, 1_000));
    }

    @Test
    void inLocalTimeTheSpreadStartsFromTheRoundsTimeInEachMembersZone() {
        Audience audience = audience("{segment: vip, at: \"2026-11-11T10:00\", local_time: true, spread: 90m}", "");
        LocalDateTime round = LocalDateTime.parse("2026-11-11T10:00");
        // 10:00 in Paris is 09:00 UTC; position 1 of 3 is 30 minutes into the 90
        assertEquals(Instant.parse("2026-11-11T09:30:00Z"), audience.firstStepAt(round, PARIS, UTC, 1, 3));
        assertEquals(Instant.parse("2026-11-10T23:30:00Z"), audience.firstStepAt(round, SYDNEY, UTC, 1, 3));
        assertEquals(Instant.parse("2026-11-11T11:00:00Z"), audience.firstStepAt(round, null, UTC, 2, 3),
                "no zone: the default's 10:00, 60 minutes in");
        assertEquals(Instant.parse("2026-11-10T20:00:00Z"), audience.startOf(round, UTC), "the start does not move");
        assertTrue(audience.describe().endsWith("in each contact's local time, spread over PT1H30M"), audience.describe());
    }

    @Test
    void withoutASpreadEveryMemberStartsAtTheRoundsTime() {
        Audience plain = audience("{segment: vip, at: \"2026-11-11T10:00\"}", "");
        assertNull(plain.spread());
        assertEquals(Duration.ZERO, plain.delayOf(999, 1_000));
        assertEquals(Duration.ZERO, plain.delayOf(1_001, 1_000));
        Audience fast = audience("{segment: vip, every: {week: monday, at: \"10:00\"}, spread: 24h}", "reentry: always")
                .compressed(60);
        assertEquals(Duration.ofMinutes(12), fast.delayOf(1, 2), "a demo's clock divides the window");
    }
}
