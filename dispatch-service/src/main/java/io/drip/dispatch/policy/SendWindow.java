package io.drip.dispatch.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The local hours in which marketing may reach a contact, e.g. 09:00–20:30 in the contact's
 * time zone. A window may cross midnight (20:00–02:00); {@code from == to} means no quiet hours.
 * Arithmetic is done in the zone's calendar, so daylight-saving changes move nothing: 09:00 is
 * 09:00 local on either side of the change.
 */
public record SendWindow(LocalTime from, LocalTime to) {

    public static SendWindow parse(String from, String to) {
        try {
            return new SendWindow(LocalTime.parse(from), LocalTime.parse(to));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a send window is two local times HH:mm, got " + from + "–" + to, e);
        }
    }

    public boolean alwaysOpen() {
        return from.equals(to);
    }

    /** When the message may leave: empty if {@code now} is inside the window, else the next opening. */
    public Optional<Instant> deferral(Instant now, ZoneId zone) {
        if (alwaysOpen()) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean open = from.isBefore(to)
                ? !time.isBefore(from) && time.isBefore(to)
                : !time.isBefore(from) || time.isBefore(to);
        if (open) {
            return Optional.empty();
        }
        LocalDate day = time.isBefore(from) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        // atZone resolves a from-time that falls in a spring-forward gap to the first valid instant
        return Optional.of(day.atTime(from).atZone(zone).toInstant());
    }

    /**
     * As {@link #deferral(Instant, ZoneId)}, skipping local days on which nothing may be sent
     * (e.g. Sundays and public holidays): a message that would leave on such a day waits for
     * the window's opening on the next allowed day.
     */
    public Optional<Instant> deferral(Instant now, ZoneId zone, Predicate<LocalDate> closedDay) {
        Optional<Instant> opening = deferral(now, zone);
        LocalDate day = opening.orElse(now).atZone(zone).toLocalDate();
        if (!closedDay.test(day)) {
            return opening;
        }
        for (int i = 0; i < 366 && closedDay.test(day); i++) {
            day = day.plusDays(1);
        }
        return Optional.of(day.atTime(alwaysOpen() ? LocalTime.MIDNIGHT : from).atZone(zone).toInstant());
    }
}
