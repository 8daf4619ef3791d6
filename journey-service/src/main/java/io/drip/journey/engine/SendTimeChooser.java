package io.drip.journey.engine;

import io.drip.contracts.SendCommand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Chooses when a {@code best_time} send step sends (docs/journeys.md, "Best time"). The open
 * hours are the local hours of day that begin (or are under way) before {@code within} has
 * passed and that the send window allows. Of them, the one with the most human clicks, the
 * contact's own or else its country's, at its start; of hours with as many clicks, the soonest.
 * When no open hour has a click, the open hour nearest to the most-clicked one. With no click
 * known, or no open hour, the message leaves at once (dispatch still holds it for quiet hours).
 * Transactional messages have no window, as in dispatch. Local hours are the zone's calendar:
 * 19:00 stays 19:00 across a daylight-saving change; an hour a change skips is not chosen that
 * day, and of an hour that happens twice the first one counts.
 */
@ApplicationScoped
public class SendTimeChooser {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("HH:mm");

    private final Window defaultWindow;

    @Inject
    public SendTimeChooser(SendTimeConfig config) {
        this(new SendCommand.SendWindow(config.windowFrom(), config.windowTo()));
    }

    /** @param defaultWindow the window of marketing messages in journeys without a send_window */
    public SendTimeChooser(SendCommand.SendWindow defaultWindow) {
        this.defaultWindow = Window.of(defaultWindow);
    }

    /**
     * @param journeyWindow the journey's send_window; null: the default one
     * @param category      marketing or transactional (no window)
     */
    public SendTime choose(ClickHours hours, Instant now, ZoneId zone, Duration within,
            SendCommand.SendWindow journeyWindow, String category) {
        SendTime.Basis basis = !hours.own().isEmpty() ? SendTime.Basis.OWN
                : !hours.countryCounts().isEmpty() ? SendTime.Basis.COUNTRY : SendTime.Basis.NONE;
        if (basis == SendTime.Basis.NONE) {
            return new SendTime(now, basis, "no clicks known of the contact"
                    + (hours.country() == null ? "" : " or of " + hours.country()) + ": at once");
        }
        HourCounts counts = basis == SendTime.Basis.OWN ? hours.own() : hours.countryCounts();
        String whose = basis == SendTime.Basis.OWN ? "own clicks" : "clicks in " + hours.country();
        Window window = SendCommand.TRANSACTIONAL.equals(category) ? Window.OPEN
                : journeyWindow != null ? Window.of(journeyWindow) : defaultWindow;
        Optional<Slot> best = best(counts, now, zone, now.plus(within), window);
        if (best.isEmpty()) {
            return new SendTime(now, basis, whose + " known, but the send window allows no hour within "
                    + within.toString().substring(2).toLowerCase() + ": at once");
        }
        Slot slot = best.get();
        return new SendTime(slot.at(), basis, why(slot.hour(), counts, whose) + ": "
                + (slot.at().equals(now) ? "now" : slot.at().toString())
                + " (" + LOCAL.format(slot.at().atZone(zone)) + " " + zone.getId() + ")");
    }

    /** The local hour of day a message may start to leave in, from {@code at} on. */
    private record Slot(int hour, Instant at) {
    }

    private static Optional<Slot> best(HourCounts counts, Instant now, ZoneId zone, Instant horizon, Window window) {
        int favourite = counts.favourite();
        Slot best = null;
        for (LocalDate day = now.atZone(zone).toLocalDate(); day.atStartOfDay(zone).toInstant().isBefore(horizon);
                day = day.plusDays(1)) {
            for (int hour = 0; hour < HourCounts.HOURS; hour++) {
                Optional<Instant> at = earliest(day, hour, zone, now, window);
                if (at.isPresent() && at.get().isBefore(horizon)) {
                    Slot slot = new Slot(hour, at.get());
                    // slots come in time order: a later one must be strictly better
                    best = best == null || better(slot, best, counts, favourite) ? slot : best;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean better(Slot later, Slot sooner, HourCounts counts, int favourite) {
        long a = counts.at(later.hour());
        long b = counts.at(sooner.hour());
        if (a != b) {
            return a > b;
        }
        return a == 0 && distance(later.hour(), favourite) < distance(sooner.hour(), favourite);
    }

    /** Hours between two hours of day, around the clock (23h and 1h are 2 apart). */
    private static int distance(int hour, int other) {
        int apart = Math.abs(hour - other);
        return Math.min(apart, HourCounts.HOURS - apart);
    }

    /** The first instant of that local hour, not before now, that the window allows. */
    private static Optional<Instant> earliest(LocalDate day, int hour, ZoneId zone, Instant now, Window window) {
        ZonedDateTime start = day.atTime(hour, 0).atZone(zone);
        if (start.getHour() != hour) {
            return Optional.empty(); // a daylight-saving change skips this hour on that day
        }
        Instant end = start.toInstant().plus(Duration.ofHours(1));
        Instant from = start.toInstant().isBefore(now) ? now : start.toInstant();
        if (!from.isBefore(end)) {
            return Optional.empty();
        }
        if (window.allows(from.atZone(zone).toLocalTime())) {
            return Optional.of(from);
        }
        Instant opening = day.atTime(window.from()).atZone(zone).toInstant(); // e.g. 09:30 in the 9h hour
        return opening.isAfter(from) && opening.isBefore(end) ? Optional.of(opening) : Optional.empty();
    }

    private static String why(int hour, HourCounts counts, String whose) {
        int favourite = counts.favourite();
        String ofAll = counts.at(hour) + " of " + counts.total();
        if (hour == favourite) {
            return hour + "h, the hour of most " + whose + " (" + ofAll + ")";
        }
        if (counts.at(hour) > 0) {
            return hour + "h, the open hour of most " + whose + " (" + ofAll + "; most at " + favourite + "h)";
        }
        return hour + "h, the open hour nearest to " + favourite + "h, the hour of most " + whose + " ("
                + counts.at(favourite) + " of " + counts.total() + ")";
    }

    /** Local hours marketing may leave in; from = to: always. */
    private record Window(LocalTime from, LocalTime to) {
        static final Window OPEN = new Window(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

        static Window of(SendCommand.SendWindow window) {
            return new Window(LocalTime.parse(window.from()), LocalTime.parse(window.to()));
        }

        boolean allows(LocalTime time) {
            return from.equals(to) || (from.isBefore(to) ? !time.isBefore(from) && time.isBefore(to)
                    : !time.isBefore(from) || time.isBefore(to));
        }
    }
}
