package io.drip.journey.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A request to run one journey for one contact on a virtual clock.
 *
 * @param journey   the journey's YAML (or null, with {@code journeyId})
 * @param journeyId a journey the service runs, in its latest version (or null, with {@code journey})
 * @param contact   the contact: timezone, phone, traits...; its id defaults to "simulated"
 * @param start     the virtual clock's start (default: now)
 * @param events    what the contact does, in any order
 * @param until     how long after {@code start} the simulation runs (default 90d)
 * @param webhooks  the stubbed answer of each webhook step, by step id; a step without one fails every attempt
 */
public record Simulation(String journey, String journeyId, ObjectNode contact, Instant start, List<Input> events,
        String until, ObjectNode webhooks) {

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
