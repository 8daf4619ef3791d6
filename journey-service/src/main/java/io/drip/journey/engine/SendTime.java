package io.drip.journey.engine;

import java.time.Instant;

/**
 * When a {@code best_time} send step sends, and why; the run's history shows {@link #detail}.
 *
 * @param at     the instant chosen (the moment of the choice: at once)
 * @param basis  whose clicks decided
 * @param detail the hour chosen and its reason, as a marketer reads it
 */
public record SendTime(Instant at, Basis basis, String detail) {

    /** Whose clicks chose the hour. */
    public enum Basis {
        /** The contact's own human clicks. */
        OWN,
        /** No click of the contact: those of the contacts of its country. */
        COUNTRY,
        /** No click known of either: the message leaves at once. */
        NONE
    }
}
