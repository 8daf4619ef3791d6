package io.drip.kit.clock;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Time zones as every input names them (a trait, a Segment context, a CSV column, a snapshot, a
 * simulation): an id {@code java.time} reads, such as Europe/Paris. One check and one wording,
 * so a zone refused in one place is refused, in the same words, everywhere.
 */
public final class TimeZones {

    private TimeZones() {
    }

    /** Whether {@code value} names a time zone. */
    public static boolean isZone(String value) {
        return zone(value).isPresent();
    }

    /** The zone {@code value} names, as java.time writes it; empty when it names none or is blank. */
    public static Optional<String> zone(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(value).getId());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Why {@code value} is refused, to be said with where it was. */
    public static String notAZone(String value) {
        return "'" + value + "' is not an IANA time zone such as Europe/Paris";
    }
}
