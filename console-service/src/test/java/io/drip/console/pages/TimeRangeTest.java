package io.drip.console.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.drip.console.api.ApiFailure;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

    @Test
    void theFormsFieldsAreReadInUtcAndTheBucketsFollowTheRangesLength() {
        TimeRange range = TimeRange.of("2026-11-01T09:00", "2026-11-01T12:00", "");
        assertEquals("2026-11-01T09:00:00Z", range.fromInstant());
        assertEquals("2026-11-01T12:00:00Z", range.toInstant());
        assertEquals("minute", range.width());
        assertEquals("hour", TimeRange.of("2026-11-01T09:00", "2026-11-05T09:00", null).width());
        assertEquals("day", TimeRange.of("2026-10-01T00:00", "2026-11-01T00:00", null).width());
        assertEquals("day", TimeRange.of("2026-11-01T09:00", "2026-11-01T10:00", "day").width(), "as chosen");
        assertEquals("hour", TimeRange.of(null, null, null).width(), "unbounded");
        assertNull(TimeRange.of(" ", null, null).fromInstant());
    }

    @Test
    void aLinkCarriesTheRange() {
        assertEquals("from=2026-11-01T09%3A00&every=hour", TimeRange.of("2026-11-01T09:00", "", "hour").query());
        assertEquals("", TimeRange.of(null, null, null).query());
        assertEquals("&to=2026-11-01T10%3A00", TimeRange.of(null, "2026-11-01T10:00", null).andQuery());
        assertEquals("", TimeRange.of(null, null, null).andQuery(), "no dangling &");
    }

    @Test
    void aBadFieldIsA400ThatNamesIt() {
        assertEquals(400, assertThrows(ApiFailure.class, () -> TimeRange.of("yesterday", null, null)).status());
        assertEquals("every must be minute, hour or day, got 'week'",
                assertThrows(ApiFailure.class, () -> TimeRange.of(null, null, "week")).getMessage());
    }
}
