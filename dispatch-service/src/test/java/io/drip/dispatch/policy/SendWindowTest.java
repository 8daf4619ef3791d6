package io.drip.dispatch.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SendWindowTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final SendWindow daytime = SendWindow.parse("09:00", "20:30");

    @Test
    void insideTheWindowNothingIsDeferred() {
        assertEquals(Optional.empty(), daytime.deferral(Instant.parse("2026-11-25T10:00:00Z"), PARIS)); // 11:00 local
    }

    @Test
    void lateEveningWaitsForNextMorningAndEarlyMorningForThisMorning() {
        // 21:00 and 07:00 in Paris (UTC+1 in November)
        assertEquals(Optional.of(Instant.parse("2026-11-26T08:00:00Z")),
                daytime.deferral(Instant.parse("2026-11-25T20:00:00Z"), PARIS));
        assertEquals(Optional.of(Instant.parse("2026-11-25T08:00:00Z")),
                daytime.deferral(Instant.parse("2026-11-25T06:00:00Z"), PARIS));
    }

    @Test
    void theOpeningIsNineLocalAcrossTheDaylightSavingChange() {
        // 22:00 on Saturday 28 March 2026 (UTC+1); clocks go forward that night: 09:00 is then UTC+2
        assertEquals(Optional.of(Instant.parse("2026-03-29T07:00:00Z")),
                daytime.deferral(Instant.parse("2026-03-28T21:00:00Z"), PARIS));
        // and back on 25 October 2026: 09:00 local on the 25th is 08:00 UTC
        assertEquals(Optional.of(Instant.parse("2026-10-25T08:00:00Z")),
                daytime.deferral(Instant.parse("2026-10-24T20:00:00Z"), PARIS));
    }

    @Test
    void aWindowMayCrossMidnightAndEqualEndsMeanNoQuietHours() {
        SendWindow night = SendWindow.parse("20:00", "02:00");
        assertEquals(Optional.empty(), night.deferral(Instant.parse("2026-11-25T23:30:00Z"), ZoneId.of("UTC")));
        assertEquals(Optional.of(Instant.parse("2026-11-25T20:00:00Z")),
                night.deferral(Instant.parse("2026-11-25T12:00:00Z"), ZoneId.of("UTC")));
        assertTrue(SendWindow.parse("00:00", "00:00").deferral(Instant.now(), PARIS).isEmpty());
    }
}
