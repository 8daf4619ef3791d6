package io.drip.journey.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request to run one journey for one contact on a virtual clock.
 *
 * @param journey   the journey's YAML (or null, with {@code journeyId})
 * @param journeyId a journey the service runs, in its latest version (or null, with {@code journey})
 * @param contact   the contact: timezone, phone, traits...; its id defaults to "simulated"
 * @param start     the virtual clock's start (default: now)
 * @param events    what the contact does, in any order
 * @param until     how long after {@code start} the simulation runs (default 90d)
 * @param clickHours        the contact's human clicks before the start, by local hour of day (0 to 23), for
 *                          {@code best_time} send steps; its clicks in {@code events} are added to them
 * @param countryClickHours the clicks of the contacts of its country (that of {@code contact.phone}) by hour
 * @param webhooks          the stubbed answer of each webhook step, by step id; a step without one fails every attempt
 * @param heldOut           whether the contact is in the global holdout; null: as the service's holdout draws it
 * @param audience          where the contact stands in each round of an audience with a spread; null: first
 */
public record Simulation(String journey, String journeyId, ObjectNode contact, Instant start, List<Input> events,
        String until, Map<Integer, Long> clickHours, Map<Integer, Long> countryClickHours,
        ObjectNode webhooks, Boolean heldOut, Place audience) {

    /**
     * The contact's place in an audience round: at {@code position} (0-based, in contact id order)
     * of {@code size} members, which decides its moment in the round's spread.
     */
    public record Place(long position, long size) {
        /** The first of one: the round's own time. */
        static final Place FIRST = new Place(0, 1);
    }

    /**
     * One thing the contact does, {@code after} (a duration such as 2h) the start: a track event
     * (with properties), new traits (an identify), a click on / the delivery of the last message
     * of a send step, or an SMS it sends ({@code replied}: its text).
     */
    public record Input(String after, String event, ObjectNode properties, ObjectNode traits, String clicked,
            String delivered, String replied) {
    }

    /** One line of the result. */
    public record Entry(Instant at, String after, int run, String step, String what, String detail) {
    }

    /** The result: what happened, in order. */
    public record Timeline(String journey, List<Entry> entries) {
    }
}
