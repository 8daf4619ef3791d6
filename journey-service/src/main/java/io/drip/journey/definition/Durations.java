package io.drip.journey.definition;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as marketers write them (30m, 1h, 1h30m, 7d, 2w) or in ISO-8601 (PT1H, P7D). */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private Durations() {
    }

    /** The duration, or an {@link IllegalArgumentException} that shows the accepted forms. */
    public static Duration parse(String text) {
        String value = text.trim();
        Duration duration = null;
        if (value.startsWith("P")) {
            try {
                duration = Duration.parse(value);
            } catch (DateTimeParseException e) {
                duration = null;
            }
        } else {
            Matcher m = SHORT.matcher(value);
            if (!value.isEmpty() && m.matches()) {
                duration = Duration.ofDays(7 * number(m.group(1)) + number(m.group(2)))
                        .plusHours(number(m.group(3))).plusMinutes(number(m.group(4))).plusSeconds(number(m.group(5)));
            }
        }
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 45s, 30m, 1h30m, 7d, 2w or PT1H");
        }
        return duration;
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
