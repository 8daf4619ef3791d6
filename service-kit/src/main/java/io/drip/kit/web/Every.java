package io.drip.kit.web;

import java.util.Arrays;
import java.util.Locale;

/**
 * The width of the buckets of a figure over time, as the {@code every} query parameter names it;
 * its name is PostgreSQL's {@code date_trunc} unit (buckets start on UTC boundaries).
 */
public enum Every {
    MINUTE, HOUR, DAY;

    /** {@code value} (minute, hour or day; {@code fallback} when absent), or a 400 naming the parameter. */
    public static Every of(String value, Every fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return Arrays.stream(values()).filter(every -> every.unit().equals(value)).findFirst()
                .orElseThrow(() -> new InvalidRequestException("every", "every must be minute, hour or day, got '" + value + "'"));
    }

    /** The {@code date_trunc} unit, also the parameter's value. */
    public String unit() {
        return name().toLowerCase(Locale.ROOT);
    }
}
