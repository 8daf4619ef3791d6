package io.drip.journey.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What counts as a conversion: the event {@code event} within {@code within} after the run's
 * last message (or a later human click on it). It is attributed to that message's step and
 * variant, once per run, with the revenue read from {@code revenuePath} in the event.
 *
 * @param revenuePath dotted path in the event, e.g. {@code properties.revenue}
 */
public record Goal(String event, Duration within, JsonPath revenuePath) {
    public static final JsonPath DEFAULT_REVENUE = new JsonPath("properties.revenue");

    public Goal compressed(long factor) {
        return new Goal(event, within.dividedBy(factor), revenuePath);
    }

    /** Does a goal event at {@code at} convert a run whose contact was last touched (sent to or clicked) at {@code touched}? */
    public boolean converts(Instant touched, Instant at) {
        return !at.isBefore(touched) && !at.isAfter(touched.plus(within));
    }

    /** The revenue the event carries at {@code revenuePath}, if it is a number there. */
    public Optional<BigDecimal> revenueOf(JsonNode event) {
        JsonNode node = revenuePath.in(event);
        if (node != null && node.isNumber()) {
            return Optional.of(node.decimalValue());
        }
        if (node != null && node.isTextual()) {
            try {
                return Optional.of(new BigDecimal(node.asText().trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
