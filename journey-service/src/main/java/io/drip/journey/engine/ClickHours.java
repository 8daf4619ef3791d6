package io.drip.journey.engine;

/**
 * When a contact clicks, as a {@code best_time} send step chooses by: its own human clicks by
 * local hour of day, and those of all contacts of its country.
 *
 * @param country       the contact's country (ISO region of its phone number), null if unknown
 * @param countryCounts the clicks of the country's contacts ({@link HourCounts#NONE} without a country)
 */
public record ClickHours(HourCounts own, String country, HourCounts countryCounts) {
}
