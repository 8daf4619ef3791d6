package io.drip.journey.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/** How long a {@code wait} step holds a run: a fixed time, or until a local time or a date. */
public sealed interface WaitTime {

    /**
     * When the run goes on, for a contact in {@code zone}; empty when there is nothing to wait
     * for (a date trait that is missing or not a date).
     *
     * @param contact the contact's snapshot as JSON (for dates in traits)
     */
    Optional<Instant> until(Instant now, ZoneId zone, JsonNode contact);

    /** How the run history shows the wait. */
    String describe();

    /** A fixed duration, such as {@code 2d}. */
    record Delay(Duration duration) implements WaitTime {
        @Override
        public Optional<Instant> until(Instant now, ZoneId zone, JsonNode contact) {
            return Optional.of(now.plus(duration));
        }

        @Override
        public String describe() {
            return duration.toString();
        }
    }

    /**
     * The next {@code at} in the contact's time zone, on one of the {@code days} (all days when
     * empty); a time that a daylight-saving change skips is taken just after the gap.
     */
    record TimeOfDay(LocalTime at, Set<DayOfWeek> days) implements WaitTime {
        @Override
        public Optional<Instant> until(Instant now, ZoneId zone, JsonNode contact) {
            ZonedDateTime local = now.atZone(zone);
            for (int ahead = 0; ahead <= 7; ahead++) {
                LocalDate date = local.toLocalDate().plusDays(ahead);
                ZonedDateTime candidate = ZonedDateTime.of(date, at, zone);
                if ((days.isEmpty() || days.contains(date.getDayOfWeek())) && candidate.toInstant().isAfter(now)) {
                    return Optional.of(candidate.toInstant());
                }
            }
            throw new IllegalStateException("no " + at + " on " + days + " within a week"); // days is never empty here
        }

        @Override
        public String describe() {
            return at + (days.isEmpty() ? "" : " on " + days);
        }
    }

    /**
     * The date (or date-time) held at {@code path} in the contact, at local time {@code at} on
     * that day; a date in the past lets the run go on at once.
     */
    record DateIn(JsonPath path, LocalTime at) implements WaitTime {
        @Override
        public Optional<Instant> until(Instant now, ZoneId zone, JsonNode contact) {
            String value = path.textIn(contact);
            if (value == null) {
                return Optional.empty();
            }
            try {
                LocalDate date = value.length() == 10 ? LocalDate.parse(value)
                        : OffsetDateTime.parse(value).atZoneSameInstant(zone).toLocalDate();
                Instant when = ZonedDateTime.of(date, at, zone).toInstant();
                return Optional.of(when.isAfter(now) ? when : now);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }

        @Override
        public String describe() {
            return "the date in " + path + " at " + at;
        }
    }
}
