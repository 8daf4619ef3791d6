package io.drip.console.pages;

import io.drip.console.api.ApiFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * The time range a page shows, as its form's fields give it: {@code from} and {@code to} from a
 * browser's date-time field (yyyy-MM-ddTHH:mm, read in UTC; null for unbounded) and the width of
 * the buckets of its figures over time ({@code every}: minute, hour or day; null for one chosen
 * from the range's length). The APIs take the instants and the width and do the counting.
 */
public record TimeRange(String from, String to, String every) {
    private static final List<String> WIDTHS = List.of("minute", "hour", "day");
    private static final Set<String> KNOWN = Set.copyOf(WIDTHS);

    public static TimeRange of(String from, String to, String every) {
        TimeRange range = new TimeRange(blankAsNull(from), blankAsNull(to), blankAsNull(every));
        instant("from", range.from);
        instant("to", range.to);
        if (range.every != null && !KNOWN.contains(range.every)) {
            throw new ApiFailure(400, "every must be minute, hour or day, got '" + every + "'");
        }
        return range;
    }

    /** The widths the form offers. */
    public List<String> widths() {
        return WIDTHS;
    }

    /** {@code from} as the APIs take it (ISO-8601 instant), null when unbounded. */
    public String fromInstant() {
        return instant("from", from);
    }

    /** {@code to} as the APIs take it (ISO-8601 instant), null when unbounded. */
    public String toInstant() {
        return instant("to", to);
    }

    /** The chosen width, or minutes for up to 6 hours, hours for up to a week, days beyond, hours when unbounded. */
    public String width() {
        if (every != null) {
            return every;
        }
        if (from == null || to == null) {
            return "hour";
        }
        Duration length = Duration.between(Instant.parse(fromInstant()), Instant.parse(toInstant()));
        return length.compareTo(Duration.ofHours(6)) <= 0 ? "minute" : length.compareTo(Duration.ofDays(7)) <= 0 ? "hour"
                : "day";
    }

    /** The range as query parameters for a link ({@code from=...&to=...&every=...}), empty when all is unbounded. */
    public String query() {
        StringBuilder query = new StringBuilder();
        parameter(query, "from", from);
        parameter(query, "to", to);
        parameter(query, "every", every);
        return query.toString();
    }

    /** {@link #query()} to follow a link's other parameters: {@code &from=...}, or empty. */
    public String andQuery() {
        String query = query();
        return query.isEmpty() ? "" : "&" + query;
    }

    private static void parameter(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append(query.length() == 0 ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static String instant(String field, String local) {
        if (local == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(local).toInstant(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            throw new ApiFailure(400, field + " must be a date and time such as 2026-11-01T09:00, got '" + local + "'");
        }
    }

    private static String blankAsNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
