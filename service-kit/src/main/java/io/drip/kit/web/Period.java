package io.drip.kit.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A period of time a report covers, as the {@code from} and {@code to} query parameters name it
 * (ISO-8601 instants; either may be left out for an unbounded side): {@code from} inclusive,
 * {@code to} exclusive.
 */
public record Period(Instant from, Instant to) {

    /** Every time. */
    public static final Period ALWAYS = new Period(null, null);

    /** The period of a request's parameters; a 400 naming the parameter when one is not an instant or they are reversed. */
    public static Period of(String from, String to) {
        Period period = new Period(instant("from", from), instant("to", to));
        if (period.from != null && period.to != null && !period.from.isBefore(period.to)) {
            throw new InvalidRequestException("to", "to (" + to + ") must come after from (" + from + ")");
        }
        return period;
    }

    /** {@code from} as a PostgreSQL timestamptz parameter (null when unbounded). */
    public OffsetDateTime sqlFrom() {
        return from == null ? null : from.atOffset(ZoneOffset.UTC);
    }

    /** {@code to} as a PostgreSQL timestamptz parameter (null when unbounded). */
    public OffsetDateTime sqlTo() {
        return to == null ? null : to.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, field + " must be an ISO-8601 instant such as 2026-11-01T00:00:00Z, got '"
                    + value + "'");
        }
    }
}
