package io.drip.dispatch.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CountryRulesTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static CountryRules franceNoSundaysNorHolidays() {
        return sundaysOff("FR", true);
    }

    /** Rules for one country: no marketing on Sundays, nor on its public holidays if asked. */
    private static CountryRules sundaysOff(String region, boolean holidays) {
        CountryRules rules = new CountryRules();
        rules.config = () -> Map.of(region, new CountryRules.Config.Rule() {
            @Override
            public Optional<List<DayOfWeek>> noMarketingDays() {
                return Optional.of(List.of(DayOfWeek.SUNDAY));
            }

            @Override
            public boolean noMarketingOnHolidays() {
                return holidays;
            }
        });
        return rules;
    }

    @Test
    void franceHasNoMarketingOnSundaysAndPublicHolidays() {
        var closed = franceNoSundaysNorHolidays().closedDays("+33612345678");
        assertTrue(closed.test(LocalDate.of(2026, 11, 29)), "a Sunday");
        assertTrue(closed.test(LocalDate.of(2026, 7, 14)), "Bastille Day");
        assertTrue(closed.test(LocalDate.of(2026, 4, 6)), "Easter Monday 2026");
        assertFalse(closed.test(LocalDate.of(2026, 7, 15)));
        assertFalse(franceNoSundaysNorHolidays().closedDays("+31612345678").test(LocalDate.of(2026, 11, 29)),
                "no rule for the Netherlands");
    }

    @Test
    void underACallingCodeSharedByCountriesTheRuleTakesOnlyItsOwnCountrysNumbers() {
        CountryRules rules = sundaysOff("CA", false);
        LocalDate sunday = LocalDate.of(2026, 11, 29);
        assertTrue(rules.closedDays("+14165550123").test(sunday), "Toronto, +1 like the United States");
        assertFalse(rules.closedDays("+12125550123").test(sunday), "New York: +1, but not Canada");
        assertFalse(rules.closedDays("+33612345678").test(sunday), "France: no rule here");
    }

    @Test
    void aMessageDueOnAFrenchSundayWaitsForMondaysWindow() {
        var window = SendWindow.parse("09:00", "20:30");
        var closed = franceNoSundaysNorHolidays().closedDays("+33612345678");
        // Saturday 21:00: quiet hours until Sunday 09:00, a closed day: Monday 09:00
        Instant saturdayEvening = ZonedDateTime.of(2026, 11, 28, 21, 0, 0, 0, PARIS).toInstant();
        assertEquals(ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, PARIS).toInstant(),
                window.deferral(saturdayEvening, PARIS, closed).orElseThrow());
        // Sunday noon, inside the hours: still Monday 09:00
        Instant sundayNoon = ZonedDateTime.of(2026, 11, 29, 12, 0, 0, 0, PARIS).toInstant();
        assertEquals(ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, PARIS).toInstant(),
                window.deferral(sundayNoon, PARIS, closed).orElseThrow());
        // Monday 13 July 2026 evening: the 14th is Bastille Day, so Wednesday 15th
        Instant beforeBastille = ZonedDateTime.of(2026, 7, 13, 22, 0, 0, 0, PARIS).toInstant();
        assertEquals(ZonedDateTime.of(2026, 7, 15, 9, 0, 0, 0, PARIS).toInstant(),
                window.deferral(beforeBastille, PARIS, closed).orElseThrow());
        // a weekday inside the hours leaves now
        assertTrue(window.deferral(ZonedDateTime.of(2026, 11, 30, 10, 0, 0, 0, PARIS).toInstant(), PARIS, closed).isEmpty());
    }
}
