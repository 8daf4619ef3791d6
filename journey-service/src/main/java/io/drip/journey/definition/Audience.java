package io.drip.journey.definition;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * An audience trigger: every member of contact-service's segment {@code segment} enters at each
 * round of a schedule, once ({@code at}) or {@code every} week or month at a time. A round is
 * named by its local date and time. With {@code localTime} it reaches each contact at that local
 * time in the contact's own zone (Paris and Sydney both at their 10:00): the round starts when the
 * earliest zone on Earth (UTC+14) reaches it, and each contact's run waits until its own instant.
 * Without it, the round's time is read in {@code drip.journeys.default-timezone}. With
 * {@code spread} the members' first steps are spread evenly over that window after the round
 * reaches them, in the order the round enters them ({@link #delayOf}).
 *
 * @param at     the one round; null when recurring
 * @param every  the recurring schedule; null for one round
 * @param spread the window the members' first steps are spread over; null: all at the round's time
 */
public record Audience(String segment, LocalDateTime at, Every every, boolean localTime, Duration spread) {

    /** The first offset of the day on Earth (Kiribati): no contact's local time comes earlier. */
    public static final ZoneOffset EARLIEST = ZoneOffset.ofHours(14);

    /** The longest spread: a round's window never reaches the next round of a weekly or monthly schedule. */
    public static final Duration LONGEST_SPREAD = Duration.ofHours(24);

    /**
     * Every week on {@code weekday}, or every month on {@code dayOfMonth} (the last day of shorter
     * months when it is beyond it), at {@code at}; exactly one of weekday and dayOfMonth is set.
     */
    public record Every(DayOfWeek weekday, Integer dayOfMonth, LocalTime at) {

        /** The first round of this schedule strictly after {@code after}. */
        LocalDateTime after(LocalDateTime after) {
            LocalDate date = after.toLocalDate();
            if (weekday != null) {
                LocalDateTime candidate = date.with(TemporalAdjusters.nextOrSame(weekday)).atTime(at);
                return candidate.isAfter(after) ? candidate : candidate.plusWeeks(1);
            }
            LocalDateTime candidate = onDay(YearMonth.from(date));
            return candidate.isAfter(after) ? candidate : onDay(YearMonth.from(date).plusMonths(1));
        }

        private LocalDateTime onDay(YearMonth month) {
            return month.atDay(Math.min(dayOfMonth, month.lengthOfMonth())).atTime(at);
        }

        String describe() {
            return (weekday != null ? "every " + weekday.name().toLowerCase(java.util.Locale.ROOT)
                    : "every month on day " + dayOfMonth) + " at " + at;
        }
    }

    /**
     * The round to plan after the round {@code last} (null: none has started yet), the first of
     * the schedule that starts at or after {@code from}: rounds that went by while none was
     * planned (the service down for a whole period) are skipped, not sent late one after another.
     * The one round of {@code at} is planned once, even when it has gone by (it then enters at
     * once). Empty when the schedule is over.
     */
    public Optional<LocalDateTime> roundAfter(LocalDateTime last, Instant from, ZoneId defaultZone) {
        if (every == null) {
            return last == null ? Optional.of(at) : Optional.empty();
        }
        // from the day before, so a round starting later today is found
        LocalDateTime round = every.after(last != null ? last
                : LocalDateTime.ofInstant(from, zoneOfStart(defaultZone)).minusDays(1));
        while (startOf(round, defaultZone).isBefore(from)) {
            round = every.after(round);
        }
        return Optional.of(round);
    }

    /** When a round starts entering its members: at the earliest local time any of them may have. */
    public Instant startOf(LocalDateTime round, ZoneId defaultZone) {
        return round.atZone(zoneOfStart(defaultZone)).toInstant();
    }

    /** When the round reaches a contact whose zone is {@code contactZone} (null: unknown). */
    public Instant reaches(LocalDateTime round, ZoneId contactZone, ZoneId defaultZone) {
        if (!localTime) {
            return round.atZone(defaultZone).toInstant();
        }
        return round.atZone(contactZone == null ? defaultZone : contactZone).toInstant();
    }

    /**
     * When the member at {@code position} (0-based, in the order the round enters its members) of a
     * round of {@code size} members (counted when the round started) takes its first step: when the
     * round reaches it, plus its share of the spread.
     */
    public Instant firstStepAt(LocalDateTime round, ZoneId contactZone, ZoneId defaultZone, long position, long size) {
        return reaches(round, contactZone, defaultZone).plus(delayOf(position, size));
    }

    /**
     * How long after the round reaches it the member at {@code position} of {@code size} waits:
     * {@code spread × position / size}, to the millisecond, so the same member gets the same moment
     * however often its page is entered; a member beyond the size (the segment grew during the
     * round) waits the whole spread, the end of the window. Zero without a spread.
     */
    public Duration delayOf(long position, long size) {
        if (position < 0) {
            throw new IllegalArgumentException("a position in the round is 0 or more, not " + position);
        }
        if (spread == null) {
            return Duration.ZERO;
        }
        if (position >= size) {
            return spread;
        }
        return spread.multipliedBy(position).dividedBy(size).truncatedTo(ChronoUnit.MILLIS);
    }

    /** The audience of a demo whose clock runs {@code factor} times faster: the spread shrinks, the schedule stays. */
    public Audience compressed(long factor) {
        return spread == null ? this : new Audience(segment, at, every, localTime, spread.dividedBy(factor));
    }

    private ZoneId zoneOfStart(ZoneId defaultZone) {
        return localTime ? EARLIEST : defaultZone;
    }

    /** How the API and logs show it. */
    public String describe() {
        return "segment " + segment + ", " + (every == null ? "at " + at : every.describe())
                + (localTime ? " in each contact's local time" : "") + (spread == null ? "" : ", spread over " + spread);
    }
}
