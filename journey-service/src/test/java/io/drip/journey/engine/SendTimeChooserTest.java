package io.drip.journey.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.SendCommand;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a best_time send step sends, without a container: hours, ties, windows, short waits, clock changes. */
class SendTimeChooserTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** A Tuesday, 08:15 in Paris (winter time, UTC+1). */
    private static final Instant MORNING = Instant.parse("2026-03-10T07:15:00Z");
    private static final Duration DAY = Duration.ofHours(24);
    private static final SendTimeChooser NO_WINDOW = new SendTimeChooser(new SendCommand.SendWindow("00:00", "00:00"));
    private static final SendTimeChooser DISPATCH_DEFAULT =
            new SendTimeChooser(new SendCommand.SendWindow("09:00", "20:30"));

    private static ClickHours own(Map<Integer, Long> counts) {
        return new ClickHours(HourCounts.of(counts), "FR", HourCounts.NONE);
    }

    private static SendTime choose(SendTimeChooser chooser, ClickHours hours, Instant now, Duration within) {
        return chooser.choose(hours, now, PARIS, within, null, SendCommand.MARKETING);
    }

    @Test
    void theHourOfDayTheContactClickedMostLaterToday() {
        SendTime time = choose(NO_WINDOW, own(Map.of(19, 5L, 12, 2L)), MORNING, DAY);
        assertEquals(Instant.parse("2026-03-10T18:00:00Z"), time.at());
        assertEquals(SendTime.Basis.OWN, time.basis());
        assertEquals("19h, the hour of most own clicks (5 of 7): 2026-03-10T18:00:00Z (19:00 Europe/Paris)",
                time.detail());
    }

    @Test
    void withinTheBestHourAlreadyTheMessageLeavesNow() {
        Instant now = Instant.parse("2026-03-10T18:20:00Z");
        SendTime time = choose(NO_WINDOW, own(Map.of(19, 5L)), now, DAY);
        assertEquals(now, time.at());
        assertTrue(time.detail().endsWith(": now (19:20 Europe/Paris)"), time.detail());
    }

    @Test
    void ofHoursWithAsManyClicksTheSoonest() {
        ClickHours tied = own(Map.of(12, 3L, 19, 3L));
        assertEquals(Instant.parse("2026-03-10T11:00:00Z"), choose(NO_WINDOW, tied, MORNING, DAY).at());
        // after 12:00 the next 19:00 comes before the next 12:00
        assertEquals(Instant.parse("2026-03-10T18:00:00Z"),
                choose(NO_WINDOW, tied, Instant.parse("2026-03-10T12:15:00Z"), DAY).at());
    }

    @Test
    void withoutOwnClicksTheCountrysAndWithoutEitherAtOnce() {
        SendTime country = choose(NO_WINDOW, new ClickHours(HourCounts.NONE, "FR", HourCounts.of(Map.of(20, 4L, 9, 1L))),
                MORNING, DAY);
        assertEquals(Instant.parse("2026-03-10T19:00:00Z"), country.at());
        assertEquals(SendTime.Basis.COUNTRY, country.basis());
        assertTrue(country.detail().startsWith("20h, the hour of most clicks in FR (4 of 5)"), country.detail());

        SendTime none = choose(NO_WINDOW, new ClickHours(HourCounts.NONE, "NZ", HourCounts.NONE), MORNING, DAY);
        assertEquals(MORNING, none.at());
        assertEquals(SendTime.Basis.NONE, none.basis());
        assertEquals("no clicks known of the contact or of NZ: at once", none.detail());
    }

    @Test
    void theSendWindowKeepsTheHourInsideIt() {
        // 22h is past dispatch's 20:30: the open hour with most clicks instead
        SendTime second = choose(DISPATCH_DEFAULT, own(Map.of(22, 5L, 18, 2L)), MORNING, DAY);
        assertEquals(Instant.parse("2026-03-10T17:00:00Z"), second.at());
        assertTrue(second.detail().startsWith("18h, the open hour of most own clicks (2 of 7; most at 22h)"),
                second.detail());
        // no click in an open hour: the open hour nearest to the favourite (20:00-20:30 is open)
        SendTime nearest = choose(DISPATCH_DEFAULT, own(Map.of(22, 5L)), MORNING, DAY);
        assertEquals(Instant.parse("2026-03-10T19:00:00Z"), nearest.at());
        assertTrue(nearest.detail().startsWith("20h, the open hour nearest to 22h, the hour of most own clicks (5 of 5)"),
                nearest.detail());
        // a window that opens within the hour: its opening
        SendTime opening = NO_WINDOW.choose(own(Map.of(9, 5L)), MORNING, PARIS, DAY,
                new SendCommand.SendWindow("09:30", "20:00"), SendCommand.MARKETING);
        assertEquals(Instant.parse("2026-03-10T08:30:00Z"), opening.at());
    }

    @Test
    void aWindowMayCrossMidnightAndTransactionalMessagesHaveNone() {
        SendCommand.SendWindow evenings = new SendCommand.SendWindow("20:00", "02:00");
        assertEquals(Instant.parse("2026-03-10T22:00:00Z"), NO_WINDOW.choose(own(Map.of(23, 4L)), MORNING, PARIS, DAY,
                evenings, SendCommand.MARKETING).at());
        // 10h is closed; of the open hours 20h to 1h, 1h is nearest to 10h
        assertEquals(Instant.parse("2026-03-11T00:00:00Z"), NO_WINDOW.choose(own(Map.of(10, 4L)), MORNING, PARIS, DAY,
                evenings, SendCommand.MARKETING).at());
        assertEquals(Instant.parse("2026-03-10T09:00:00Z"), NO_WINDOW.choose(own(Map.of(10, 4L)), MORNING, PARIS, DAY,
                evenings, SendCommand.TRANSACTIONAL).at());
    }

    @Test
    void aWaitShorterThanADayChoosesAmongTheHoursItReaches() {
        SendTime inThreeHours = choose(NO_WINDOW, own(Map.of(19, 5L, 10, 1L)), MORNING, Duration.ofHours(3));
        assertEquals(Instant.parse("2026-03-10T09:00:00Z"), inThreeHours.at());
        assertTrue(inThreeHours.detail().startsWith("10h, the open hour of most own clicks (1 of 6; most at 19h)"),
                inThreeHours.detail());
        // in an hour: 08h (now) or 09h, and 09h is nearer to 19h
        assertEquals(Instant.parse("2026-03-10T08:00:00Z"),
                choose(NO_WINDOW, own(Map.of(19, 5L)), MORNING, Duration.ofHours(1)).at());
        // in half an hour only the hour under way is reached
        assertEquals(MORNING, choose(NO_WINDOW, own(Map.of(19, 5L)), MORNING, Duration.ofMinutes(30)).at());
        // at 22:00 with 2 h to go, dispatch's window opens no hour: at once, and dispatch holds it
        Instant late = Instant.parse("2026-03-10T21:00:00Z");
        SendTime closed = choose(DISPATCH_DEFAULT, own(Map.of(19, 5L)), late, Duration.ofHours(2));
        assertEquals(late, closed.at());
        assertEquals("own clicks known, but the send window allows no hour within 2h: at once", closed.detail());
    }

    @Test
    void aLocalHourStaysAcrossTheClockChangeAndAnHourItSkipsIsNotChosenThatDay() {
        // Saturday 21:00 in Paris; summer time starts on Sunday at 02:00 (clocks go to 03:00)
        assertEquals(Instant.parse("2026-03-29T17:00:00Z"),
                choose(NO_WINDOW, own(Map.of(19, 3L)), Instant.parse("2026-03-28T20:00:00Z"), DAY).at());
        // 00:30 on Sunday: there is no 02:00 that day; within a day, 01:00 and 03:00 are as near, 01:00 first
        Instant night = Instant.parse("2026-03-28T23:30:00Z");
        assertEquals(Instant.parse("2026-03-29T00:00:00Z"), choose(NO_WINDOW, own(Map.of(2, 3L)), night, DAY).at());
        // within two days: Monday's 02:00 (summer time)
        assertEquals(Instant.parse("2026-03-30T00:00:00Z"),
                choose(NO_WINDOW, own(Map.of(2, 3L)), night, Duration.ofDays(2)).at());
    }
}
