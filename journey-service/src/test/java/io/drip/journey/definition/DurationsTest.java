package io.drip.journey.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsMarketerAndIsoForms() {
        assertEquals(Duration.ofSeconds(45), Durations.parse("45s"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofDays(7), Durations.parse("7d"));
        assertEquals(Duration.ofDays(14), Durations.parse("2w"));
        assertEquals(Duration.ofHours(1), Durations.parse("PT1H"));
        assertEquals(Duration.ofDays(3), Durations.parse("P3D"));
    }

    @Test
    void rejectsWhatIsNoPositiveDurationAndShowsTheForms() {
        for (String bad : new String[] {"1x", "0m", "", "h", "-1h", "PT0S", "1d 2h"}) {
            var error = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad), bad);
            assertTrue(error.getMessage().contains("such as 45s, 30m"), error.getMessage());
        }
    }
}
